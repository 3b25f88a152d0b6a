using Bastion.Core.Sessions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Terminal;

/// <summary>Refuses connect queue settings that would refuse or stall every connect, naming the setting.</summary>
internal sealed class ConnectQueueOptionsValidator : IValidateOptions<ConnectQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectQueueOptions options)
    {
        const string S = ConnectQueueOptions.SectionName;
        var failures = new List<string>();
        if (options.MaxConcurrentHandshakesPerHost < 1)
        {
            failures.Add($"{S}:MaxConcurrentHandshakesPerHost is {options.MaxConcurrentHandshakesPerHost}; it must be 1 or more.");
        }

        if (options.MaxConcurrentHandshakes < 0)
        {
            failures.Add($"{S}:MaxConcurrentHandshakes is {options.MaxConcurrentHandshakes}; it must be 0 (no global bound) or more.");
        }

        if (options.MaxQueuedConnectsPerHost < 0)
        {
            failures.Add($"{S}:MaxQueuedConnectsPerHost is {options.MaxQueuedConnectsPerHost}; it must be 0 (never wait) or more.");
        }

        if (options.ConnectQueueTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:ConnectQueueTimeout is {options.ConnectQueueTimeout}; it must be more than 00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

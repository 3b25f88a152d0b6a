using Bastion.Core.Ssh;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Terminal;

/// <summary>Refuses SSH client settings SSH.NET would throw on at connect time, naming the setting and its range.
/// Unknown cipher and MAC names stay allowed: <see cref="SshAlgorithms"/> skips them by design.</summary>
internal sealed class SshOptionsValidator : IValidateOptions<SshOptions>
{
    public ValidateOptionsResult Validate(string? name, SshOptions options)
    {
        const string S = SshOptions.SectionName;
        var failures = new List<string>();
        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:ConnectTimeout is {options.ConnectTimeout}; it must be more than 00:00:00.");
        }

        // SSH.NET feeds it to a System.Threading.Timer, whose one negative value is -1 ms ("never").
        if (options.KeepAliveInterval < TimeSpan.Zero && options.KeepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"{S}:KeepAliveInterval is {options.KeepAliveInterval}; it must be 00:00:00 or more, or -00:00:00.001 to send no keep-alives.");
        }

        // 0 turns the silence bound off; otherwise whole seconds feed TCP keep-alive and milliseconds TCP_USER_TIMEOUT.
        if (options.UnresponsiveTimeout != TimeSpan.Zero
            && (options.UnresponsiveTimeout < TimeSpan.FromSeconds(1) || options.UnresponsiveTimeout > TimeSpan.FromHours(1)))
        {
            failures.Add($"{S}:UnresponsiveTimeout is {options.UnresponsiveTimeout}; it must be 00:00:00 (off) or from 00:00:01 to 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

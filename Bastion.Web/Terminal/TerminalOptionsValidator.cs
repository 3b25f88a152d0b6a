using Bastion.Core.Terminal;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Terminal;

/// <summary>Refuses relay settings the relay cannot work with; each message names the setting and its range.</summary>
internal sealed class TerminalOptionsValidator : IValidateOptions<TerminalOptions>
{
    public ValidateOptionsResult Validate(string? name, TerminalOptions options)
    {
        const string S = TerminalOptions.SectionName;
        var failures = new List<string>();
        if (options.ServerBufferBytes < 4096)
        {
            failures.Add($"{S}:ServerBufferBytes is {options.ServerBufferBytes}; it must be at least 4096.");
        }

        if (options.MaxBatchBytes < 1024)
        {
            failures.Add($"{S}:MaxBatchBytes is {options.MaxBatchBytes}; it must be at least 1024.");
        }

        if (options.FlowHighWater < 4096)
        {
            failures.Add($"{S}:FlowHighWater is {options.FlowHighWater}; it must be at least 4096.");
        }

        if (options.FlowLowWater < 0 || options.FlowLowWater >= options.FlowHighWater)
        {
            failures.Add($"{S}:FlowLowWater is {options.FlowLowWater}; it must be at least 0 and less than {S}:FlowHighWater ({options.FlowHighWater}).");
        }

        if (options.SshChannelWindowBytes < 32 * 1024)
        {
            failures.Add($"{S}:SshChannelWindowBytes is {options.SshChannelWindowBytes}; it must be at least 32768.");
        }

        if (options.ClientSendTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:ClientSendTimeout is {options.ClientSendTimeout}; it must be more than 00:00:00.");
        }

        if (options.CloseTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:CloseTimeout is {options.CloseTimeout}; it must be more than 00:00:00.");
        }

        if (options.DetachedGrace < TimeSpan.Zero || options.DetachedGrace > TimeSpan.FromDays(1))
        {
            failures.Add($"{S}:DetachedGrace is {options.DetachedGrace}; it must be from 00:00:00 (end when the socket goes away) to 1.00:00:00.");
        }

        if (options.IdleTimeout < TimeSpan.Zero)
        {
            failures.Add($"{S}:IdleTimeout is {options.IdleTimeout}; it must be 00:00:00 (off) or more.");
        }

        if (options.MaxDuration < TimeSpan.Zero)
        {
            failures.Add($"{S}:MaxDuration is {options.MaxDuration}; it must be 00:00:00 (off) or more.");
        }

        if (options.MaxSessionsPerUser < 0)
        {
            failures.Add($"{S}:MaxSessionsPerUser is {options.MaxSessionsPerUser}; it must be 0 (unlimited) or more.");
        }

        if (options.LimitWarning < TimeSpan.Zero)
        {
            failures.Add($"{S}:LimitWarning is {options.LimitWarning}; it must be 00:00:00 (no warning) or more.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

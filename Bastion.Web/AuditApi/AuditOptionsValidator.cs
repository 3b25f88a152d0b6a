using Bastion.Core.Audit;
using Microsoft.Extensions.Options;

namespace Bastion.Web.AuditApi;

/// <summary>Refuses retention settings the retention job cannot run with, naming the setting and its range.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    /// <summary>The longest period a <see cref="PeriodicTimer"/> takes (2^32 - 2 ms), rounded down to whole days.</summary>
    public static readonly TimeSpan MaxRetentionInterval = TimeSpan.FromDays(49);

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        const string S = AuditOptions.SectionName;
        var failures = new List<string>();
        if (options.RetentionDays < 0)
        {
            failures.Add($"{S}:RetentionDays is {options.RetentionDays}; it must be 0 (keep everything) or more.");
        }

        if (options.RetentionInterval <= TimeSpan.Zero || options.RetentionInterval > MaxRetentionInterval)
        {
            failures.Add($"{S}:RetentionInterval is {options.RetentionInterval}; it must be more than 00:00:00 and at most {MaxRetentionInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

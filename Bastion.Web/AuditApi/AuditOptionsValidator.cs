using Bastion.Core.Audit;
using Microsoft.Extensions.Options;

namespace Bastion.Web.AuditApi;

/// <summary>Refuses retention settings the retention job cannot run with, naming the setting and its range.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    /// <summary>The longest period a <see cref="PeriodicTimer"/> takes (2^32 - 2 ms), rounded down to whole days.</summary>
    public static readonly TimeSpan MaxRetentionInterval = TimeSpan.FromDays(49);

    /// <summary>The reserve is written from one array; 256 MiB is more than any number of session ends needs.</summary>
    public const long MaxStorageReserveBytes = 256L * 1024 * 1024;

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

        if (options.StorageReserveBytes is < 0 or > MaxStorageReserveBytes)
        {
            failures.Add($"{S}:StorageReserveBytes is {options.StorageReserveBytes}; it must be 0 (no reserve) to {MaxStorageReserveBytes} bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

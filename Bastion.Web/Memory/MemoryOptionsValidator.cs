using Microsoft.Extensions.Options;

namespace Bastion.Web.Memory;

/// <summary>Refuses a negative or absurd delay for the compaction after start; the message names the setting.</summary>
internal sealed class MemoryOptionsValidator : IValidateOptions<MemoryOptions>
{
    public static readonly TimeSpan MaxCompactAfterStart = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, MemoryOptions options) =>
        options.CompactAfterStart < TimeSpan.Zero || options.CompactAfterStart > MaxCompactAfterStart
            ? ValidateOptionsResult.Fail(
                $"{MemoryOptions.SectionName}:{nameof(MemoryOptions.CompactAfterStart)} is {options.CompactAfterStart}; it must be between 00:00:00 (off) and {MaxCompactAfterStart}.")
            : ValidateOptionsResult.Success;
}

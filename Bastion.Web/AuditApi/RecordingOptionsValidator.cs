using Bastion.Core.Recording;
using Microsoft.Extensions.Options;

namespace Bastion.Web.AuditApi;

/// <summary>Refuses recorder settings the recorder cannot work with, naming the setting and its range.</summary>
internal sealed class RecordingOptionsValidator : IValidateOptions<RecordingOptions>
{
    public ValidateOptionsResult Validate(string? name, RecordingOptions options)
    {
        const string S = RecordingOptions.SectionName;
        var failures = new List<string>();
        if (options.QueueLimitChars < 1)
        {
            failures.Add($"{S}:QueueLimitChars is {options.QueueLimitChars}; it must be at least 1.");
        }

        if (options.MaxBytes < 1)
        {
            failures.Add($"{S}:MaxBytes is {options.MaxBytes}; it must be at least 1.");
        }

        if (options.FlushInterval <= TimeSpan.Zero)
        {
            failures.Add($"{S}:FlushInterval is {options.FlushInterval}; it must be more than 00:00:00.");
        }

        if (options.CheckpointInterval <= TimeSpan.Zero)
        {
            failures.Add($"{S}:CheckpointInterval is {options.CheckpointInterval}; it must be more than 00:00:00.");
        }

        if (!Enum.IsDefined(options.WhenBehind))
        {
            failures.Add($"{S}:WhenBehind is {(int)options.WhenBehind}; it must be one of {string.Join(", ", Enum.GetNames<RecorderLagPolicy>())}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

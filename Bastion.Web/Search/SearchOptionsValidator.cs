using Bastion.Core.Recording.Search;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Search;

/// <summary>Refuses index settings the indexer cannot work with, naming the setting and its range.</summary>
internal sealed class SearchOptionsValidator : IValidateOptions<RecordingSearchOptions>
{
    public ValidateOptionsResult Validate(string? name, RecordingSearchOptions options)
    {
        const string S = RecordingSearchOptions.SectionName;
        var failures = new List<string>();
        if (options.SweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{S}:SweepInterval is {options.SweepInterval}; it must be more than 00:00:00.");
        }

        if (options.PassBytes < 64 * 1024)
        {
            failures.Add($"{S}:PassBytes is {options.PassBytes}; it must be at least 65536.");
        }

        if (!(options.LiveShare > 0 && options.LiveShare <= 1))
        {
            failures.Add($"{S}:LiveShare is {options.LiveShare}; it must be more than 0 and at most 1.");
        }

        if (options.LiveLagBytes < options.PassBytes)
        {
            failures.Add($"{S}:LiveLagBytes is {options.LiveLagBytes}; it must be at least {S}:PassBytes ({options.PassBytes}).");
        }

        if (options.SweepBatch < 1)
        {
            failures.Add($"{S}:SweepBatch is {options.SweepBatch}; it must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

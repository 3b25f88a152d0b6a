using Microsoft.Extensions.Options;

namespace Bastion.Web.Observability;

/// <summary>Refuses a guessable scrape token and a path that is not a path; each message names the setting.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public const int MinTokenLength = 32;

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        const string S = MetricsOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path) || !options.Path.StartsWith('/') || options.Path.Contains('?', StringComparison.Ordinal))
        {
            failures.Add($"{S}:Path is '{options.Path}'; it must be an absolute path such as /metrics.");
        }

        if (options.ScrapeToken is { } token && token.Trim().Length < MinTokenLength)
        {
            failures.Add($"{S}:ScrapeToken is too short; it must be at least {MinTokenLength} characters (e.g. `openssl rand -hex 32`).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

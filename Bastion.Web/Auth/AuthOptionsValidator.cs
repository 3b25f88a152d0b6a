using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary>Refuses token settings that would fail later (a short or malformed key, a rate limit of 0), naming the
/// setting and its range. The key's value never appears in a message.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(365);

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        const string S = AuthOptions.SectionName;
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var bytes = new byte[options.SigningKey.Length];
            if (!Convert.TryFromBase64String(options.SigningKey.Trim(), bytes, out var length) || length < 32)
            {
                failures.Add($"{S}:SigningKey must be base64 of at least 32 bytes, or empty to generate one in the data directory.");
            }
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > MaxTokenLifetime)
        {
            failures.Add($"{S}:TokenLifetime is {options.TokenLifetime}; it must be more than 00:00:00 and at most {MaxTokenLifetime}.");
        }

        if (options.IdleTimeout <= TimeSpan.Zero || options.IdleTimeout > MaxTokenLifetime)
        {
            failures.Add($"{S}:IdleTimeout is {options.IdleTimeout}; it must be more than 00:00:00 and at most {MaxTokenLifetime}.");
        }

        if (options.MaxLoginDuration <= TimeSpan.Zero || options.MaxLoginDuration > MaxTokenLifetime)
        {
            failures.Add($"{S}:MaxLoginDuration is {options.MaxLoginDuration}; it must be more than 00:00:00 and at most {MaxTokenLifetime}.");
        }

        if (options.LoginAttemptsPerMinute < 1)
        {
            failures.Add($"{S}:LoginAttemptsPerMinute is {options.LoginAttemptsPerMinute}; it must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

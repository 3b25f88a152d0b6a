using Bastion.Core.Access;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary>Refuses second-factor and lockout settings that cannot work, naming the setting and its range.</summary>
internal sealed class AccountSecurityOptionsValidator : IValidateOptions<AccountSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountSecurityOptions options)
    {
        const string S = AccountSecurityOptions.SectionName;
        var failures = new List<string>();
        if (!Enum.IsDefined(options.RequireMfa))
        {
            failures.Add($"{S}:RequireMfa must be none, admins or all.");
        }

        if (options.StepUpWindow <= TimeSpan.Zero || options.StepUpWindow > TimeSpan.FromDays(1))
        {
            failures.Add($"{S}:StepUpWindow is {options.StepUpWindow}; it must be more than 00:00:00 and at most 1.00:00:00.");
        }

        if (options.LockoutThreshold is < 1 or > 1000)
        {
            failures.Add($"{S}:LockoutThreshold is {options.LockoutThreshold}; it must be 1 to 1000.");
        }

        if (options.LockoutDuration <= TimeSpan.Zero || options.LockoutMaxDuration < options.LockoutDuration || options.LockoutMaxDuration > TimeSpan.FromDays(1))
        {
            failures.Add($"{S}:LockoutDuration ({options.LockoutDuration}) must be more than 00:00:00 and at most {S}:LockoutMaxDuration ({options.LockoutMaxDuration}), which is at most 1.00:00:00.");
        }

        if (string.IsNullOrWhiteSpace(options.PasskeyRelyingPartyName) || options.PasskeyRelyingPartyName.Length > 64)
        {
            failures.Add($"{S}:PasskeyRelyingPartyName must be 1 to 64 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary>Refuses single sign-on settings that would fail at the first sign-in, naming the setting. The client
/// secret's value never appears in a message.</summary>
internal sealed class SignInOptionsValidator : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        const string S = "Auth:Oidc";
        var failures = new List<string>();
        var oidc = options.Oidc;
        if (!oidc.Enabled)
        {
            if (options.LocalLogin == LocalLogin.Admins)
            {
                failures.Add($"Auth:LocalLogin is Admins but {S}:Authority is empty: only admins could sign in. Configure single sign-on or set Auth:LocalLogin to All.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            failures.Add($"{S}:Authority must be an absolute https URL (the provider's issuer).");
        }
        else if (authority.Scheme == "http" && oidc.RequireHttpsMetadata)
        {
            failures.Add($"{S}:Authority is http; it must be https (set {S}:RequireHttpsMetadata to false only for a provider on loopback in tests).");
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            failures.Add($"{S}:ClientId is required when {S}:Authority is set.");
        }

        if (string.IsNullOrWhiteSpace(oidc.UserNameClaim) || string.IsNullOrWhiteSpace(oidc.GroupsClaim))
        {
            failures.Add($"{S}:UserNameClaim and {S}:GroupsClaim must name claims.");
        }

        if (oidc.GroupMappings.Count == 0)
        {
            failures.Add($"{S}:GroupMappings is empty: every user would be refused. Map at least one provider group to Bastion roles.");
        }

        for (var i = 0; i < oidc.GroupMappings.Count; i++)
        {
            var mapping = oidc.GroupMappings[i];
            if (string.IsNullOrWhiteSpace(mapping.Group))
            {
                failures.Add($"{S}:GroupMappings:{i}:Group is empty.");
            }

            if (mapping.Roles.Any(r => !Roles.All.Contains(r)))
            {
                failures.Add($"{S}:GroupMappings:{i}:Roles must be among {string.Join(", ", Roles.All)}.");
            }

            if (mapping.Groups.Any(g => !HostTags.IsValidName(g.Trim())))
            {
                failures.Add($"{S}:GroupMappings:{i}:Groups: {UserAccounts.GroupError}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Bastion.Core.Access;

namespace Bastion.Web.Auth;

/// <summary>How users sign in (configuration section <c>Auth</c>: <c>LocalLogin</c> and <c>Oidc</c>); the token
/// settings of the same section are <see cref="AuthOptions"/>.</summary>
internal sealed class SignInOptions
{
    public LocalLogin LocalLogin { get; set; } = LocalLogin.All;

    public OidcOptions Oidc { get; set; } = new();

    /// <summary>Whether <paramref name="user"/>, whose password was right, may sign in with it.</summary>
    public bool AllowsPassword(User user) => LocalLogin == LocalLogin.All || user.IsInRole(Roles.Admin);

    public ExternalSignInRules Rules() => new(
        Oidc.CreateUsers,
        [.. Oidc.GroupMappings.Select(m => new ExternalGroupMapping(m.Group, m.Roles, m.Groups))]);
}

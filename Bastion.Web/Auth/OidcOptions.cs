namespace Bastion.Web.Auth;

/// <summary>OpenID Connect single sign-on (<c>Auth:Oidc</c>). Off while <see cref="Authority"/> is empty.</summary>
internal sealed class OidcOptions
{
    /// <summary>The provider's issuer URL; its <c>/.well-known/openid-configuration</c> is read from here.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client's secret at the provider (never logged or returned).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The text of the sign-in page's button, e.g. "Sign in with Okta".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The claim whose value becomes the Bastion user name of a user created on first sign-in.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>The claim listing the user's groups at the provider (an array or a single value).</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The scopes asked for; <c>openid</c> is always asked for.</summary>
    public List<string> Scopes { get; set; } = ["openid", "profile"];

    /// <summary>Create a Bastion user (with no local password) on a provider user's first sign-in.</summary>
    public bool CreateUsers { get; set; }

    /// <summary>Refuse a provider whose metadata is not on HTTPS. Off only for a provider on loopback in tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Which provider groups give which Bastion roles and user groups; a user in none is refused.</summary>
    public List<OidcGroupMappingOptions> GroupMappings { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

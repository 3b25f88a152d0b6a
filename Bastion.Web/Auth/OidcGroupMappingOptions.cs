namespace Bastion.Web.Auth;

/// <summary>One entry of <c>Auth:Oidc:GroupMappings</c>: a value of the groups claim, and what its members get.</summary>
internal sealed class OidcGroupMappingOptions
{
    public string Group { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public List<string> Groups { get; set; } = [];
}

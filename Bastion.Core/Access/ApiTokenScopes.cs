namespace Bastion.Core.Access;

/// <summary>What an API token may do, on top of its user's roles (which still decide everything else):
/// <see cref="Read"/> only reads; <see cref="Terminal"/> also opens, attaches to and ends terminals;
/// <see cref="Admin"/> also changes things (the inventory, users, grants), where the user's roles allow it.</summary>
internal static class ApiTokenScopes
{
    public const string Read = "read";
    public const string Terminal = "terminal";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Read, Terminal, Admin];

    /// <summary>Every API token starts with this, so a bearer header tells a token from a signed-in user's JWT.</summary>
    public const string Prefix = "bst_";
}

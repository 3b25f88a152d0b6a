namespace Bastion.Core.Access;

internal static class Roles
{
    /// <summary>Everything, including the inventory and grants.</summary>
    public const string Admin = "admin";

    /// <summary>Terminals to granted hosts.</summary>
    public const string Operator = "operator";

    /// <summary>The audit log and recordings, read-only.</summary>
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, Auditor];
}

namespace Bastion.Core.Inventory.Import;

/// <summary>The codes of <see cref="HostImportProblem"/>, with the values each one names; the client has words for each
/// (<c>importReason_…</c> in both string tables, checked by <c>HostImportCodesLabelsTests</c>). A cell's code also
/// names its <c>column</c>.</summary>
internal static class HostImportCodes
{
    /// <summary>{column, max}: empty or longer than max characters.</summary>
    public const string InvalidName = "invalid_name";

    /// <summary>{column}: empty, too long, or with white space.</summary>
    public const string InvalidAddress = "invalid_address";

    /// <summary>{column, min, max, value}</summary>
    public const string InvalidPort = "invalid_port";

    /// <summary>{column, max}: empty or longer than max characters.</summary>
    public const string InvalidUsername = "invalid_username";

    /// <summary>{column}: not the SHA256:... form.</summary>
    public const string InvalidFingerprint = "invalid_fingerprint";

    /// <summary>{column, max}</summary>
    public const string DescriptionTooLong = "description_too_long";

    /// <summary>{column, max, nameMax}: more than max labels, or a key or value outside the allowed characters.</summary>
    public const string InvalidLabels = "invalid_labels";

    /// <summary>{column, nameMax}</summary>
    public const string InvalidGroups = "invalid_groups";

    /// <summary>{column, value}</summary>
    public const string UnknownCharset = "unknown_charset";

    /// <summary>{column}: any other cell the host form refuses (a rule newer than this list).</summary>
    public const string InvalidCell = "invalid_cell";

    /// <summary>{name, line}: the name is already on an earlier line of the file.</summary>
    public const string NameRepeated = "name_repeated";

    /// <summary>{pinned}: the host is pinned to another key than the file's.</summary>
    public const string PinnedToOtherKey = "pinned_to_other_key";

    /// <summary>{name}: the host existed when the import started and was deleted before its line was written.</summary>
    public const string HostDeleted = "host_deleted";
}

using System.Globalization;
using Bastion.Core.Inventory.Import;

namespace Bastion.Web.Inventory;

/// <summary>
/// The host form's field errors (<see cref="CreateHostRequest.Validate"/>, keyed by the JSON name, which is also the
/// CSV column) as import problems: a code per rule with the column and the limits the rule states, and the form's
/// English message beside it. The limits here are the ones the form's messages say; <c>CsvCellProblemsTests</c> checks
/// that each message still says them.
/// </summary>
internal static class CsvCellProblems
{
    private static readonly Dictionary<string, (string Code, (string Name, string Value)[] Limits)> s_rules = new(StringComparer.Ordinal)
    {
        ["name"] = (HostImportCodes.InvalidName, [("max", "100")]),
        ["address"] = (HostImportCodes.InvalidAddress, []),
        ["port"] = (HostImportCodes.InvalidPort, [("min", "1"), ("max", "65535")]),
        ["username"] = (HostImportCodes.InvalidUsername, [("max", "64")]),
        ["hostKeyFingerprint"] = (HostImportCodes.InvalidFingerprint, []),
        ["description"] = (HostImportCodes.DescriptionTooLong, [("max", "1000")]),
        ["labels"] = (HostImportCodes.InvalidLabels, [("max", "50"), ("nameMax", "63")]),
        ["groups"] = (HostImportCodes.InvalidGroups, [("nameMax", "63")]),
        ["charset"] = (HostImportCodes.UnknownCharset, []),
    };

    /// <summary>A value quoted back in a problem is cut to this many characters (a cell may be megabytes).</summary>
    public const int MaxQuotedValue = 64;

    public static IReadOnlyDictionary<string, (string Code, (string Name, string Value)[] Limits)> Rules => s_rules;

    /// <summary>The problem for <paramref name="column"/>'s error <paramref name="message"/>; <paramref name="cell"/>
    /// is the cell as the file has it (null when empty), quoted back for the port and the charset.</summary>
    public static HostImportProblem For(string column, string message, string? cell)
    {
        var text = $"{column}: {message}";
        if (!s_rules.TryGetValue(column, out var rule))
        {
            return HostImportProblem.Of(HostImportCodes.InvalidCell, text, ("column", column));
        }

        var args = new Dictionary<string, string>(StringComparer.Ordinal) { ["column"] = column };
        foreach (var (name, value) in rule.Limits)
        {
            args[name] = value;
        }

        if (rule.Code is HostImportCodes.InvalidPort or HostImportCodes.UnknownCharset)
        {
            args["value"] = Quote(cell);
        }

        return new HostImportProblem(rule.Code, text, args);
    }

    private static string Quote(string? cell) =>
        cell is null ? "" : cell.Length <= MaxQuotedValue ? cell : string.Create(CultureInfo.InvariantCulture, $"{cell[..MaxQuotedValue]}…");
}

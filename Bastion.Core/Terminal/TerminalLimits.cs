namespace Bastion.Core.Terminal;

/// <summary>Protocol limits shared by the server, the tests and the docs (docs/PROTOCOL.md).</summary>
internal static class TerminalLimits
{
    /// <summary>A client message larger than this closes the socket with 1009 (Message Too Big).</summary>
    public const int MaxClientMessageBytes = 64 * 1024;

    public const int MinCols = 1;
    public const int MaxCols = 1000;
    public const int MinRows = 1;
    public const int MaxRows = 500;

    /// <summary>The bounds as the values a <c>bad_size</c> error names (the same names as the upgrade's
    /// <c>terminal_size_invalid</c> problem).</summary>
    public static readonly IReadOnlyDictionary<string, string> SizeArgs = ErrorArgs.Of(
        ("minCols", ErrorArgs.Count(MinCols)), ("maxCols", ErrorArgs.Count(MaxCols)),
        ("minRows", ErrorArgs.Count(MinRows)), ("maxRows", ErrorArgs.Count(MaxRows)));

    public static bool IsValidSize(int cols, int rows) =>
        cols is >= MinCols and <= MaxCols && rows is >= MinRows and <= MaxRows;
}

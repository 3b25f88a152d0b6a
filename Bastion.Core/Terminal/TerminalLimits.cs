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

    public static bool IsValidSize(int cols, int rows) =>
        cols is >= MinCols and <= MaxCols && rows is >= MinRows and <= MaxRows;
}

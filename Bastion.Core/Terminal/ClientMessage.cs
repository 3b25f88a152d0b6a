namespace Bastion.Core.Terminal;

internal enum ClientMessageKind
{
    Invalid,
    Input,
    Resize,
    Ack,
    End,

    /// <summary><c>{"flag":"notices"}</c>: this client shows the server's notices (limit <c>warning</c>s) itself, so
    /// none is written into its terminal as a line (issue 14).</summary>
    Notices,
}

/// <summary>One validated message from the browser. <see cref="Error"/> is set only for <see cref="ClientMessageKind.Invalid"/>.</summary>
internal readonly record struct ClientMessage(
    ClientMessageKind Kind, string? Data = null, int Cols = 0, int Rows = 0, long Bytes = 0, string? ErrorCode = null, string? Error = null)
{
    public static ClientMessage Invalid(string error, string code = ErrorCodes.BadMessage) =>
        new(ClientMessageKind.Invalid, ErrorCode: code, Error: error);
}

using System.Net.WebSockets;

namespace Bastion.Core.Terminal;

/// <summary>Why a session ended from outside (server shutdown, an admin's kill, revoked access): what the browser is
/// told, how the socket closes, and the detail recorded with the outcome.</summary>
internal sealed record SessionEnding(string Code, string Message, WebSocketCloseStatus Status, string Detail)
{
    public static readonly SessionEnding ServerStopping =
        new(ErrorCodes.ServerStopping, "the session was ended by the server", WebSocketCloseStatus.EndpointUnavailable, "server stopping");
}

using System.Net.WebSockets;

namespace Bastion.Core.Terminal;

/// <summary>Bastion's own WebSocket close codes (RFC 6455 §7.4.2: 4000–4999 are for applications), one per ending a
/// client must tell apart without parsing the error that precedes the close. Every one of them is final: a client does
/// not reconnect after it. 4000 is what Bastion's browser client sends when it lets go of a socket (a detach).</summary>
internal static class CloseCodes
{
    public const WebSocketCloseStatus TakenOver = (WebSocketCloseStatus)4001;
    public const WebSocketCloseStatus IdleTimeout = (WebSocketCloseStatus)4002;
    public const WebSocketCloseStatus MaxDuration = (WebSocketCloseStatus)4003;
    public const WebSocketCloseStatus TooManySessions = (WebSocketCloseStatus)4004;
    public const WebSocketCloseStatus LoginEnded = (WebSocketCloseStatus)4005;
}

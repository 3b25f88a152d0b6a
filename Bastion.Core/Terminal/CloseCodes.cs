using System.Net.WebSockets;

namespace Bastion.Core.Terminal;

/// <summary>Bastion's own WebSocket close codes (RFC 6455 §7.4.2: 4000–4999 are for applications), one per ending a
/// client must tell apart without parsing the error that precedes the close. Every one from 4001 is final: a client does
/// not reconnect after it. 4000 is what Bastion's browser client sends when it lets go of a socket (a detach).</summary>
internal static class CloseCodes
{
    /// <summary>1013 Try Again Later (IANA WebSocket close code registry): the connect queue toward the host was full
    /// or its wait ran out (issue 12). Not final: a client reconnects with backoff.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    public const WebSocketCloseStatus TakenOver = (WebSocketCloseStatus)4001;
    public const WebSocketCloseStatus IdleTimeout = (WebSocketCloseStatus)4002;
    public const WebSocketCloseStatus MaxDuration = (WebSocketCloseStatus)4003;
    public const WebSocketCloseStatus TooManySessions = (WebSocketCloseStatus)4004;
    public const WebSocketCloseStatus LoginEnded = (WebSocketCloseStatus)4005;
}

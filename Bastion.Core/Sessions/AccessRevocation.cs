using System.Net.WebSockets;
using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>How a session whose access went away ends (issue #3): <c>access_revoked</c> and close 1008
/// (docs/PROTOCOL.md), instead of the generic "server stopping".</summary>
internal static class AccessRevocation
{
    public const string Message = "your access to this host was revoked";

    public static readonly SessionEnding Ending =
        SessionEnding.Outside(ErrorCodes.AccessRevoked, Message, WebSocketCloseStatus.PolicyViolation, "access revoked", "access_revoked");
}

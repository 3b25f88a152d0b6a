using Microsoft.Extensions.Logging;

namespace Bastion.Core.Sessions;

internal sealed partial class SessionInvitations
{
    [LoggerMessage(EventId = 1710, Level = LogLevel.Debug, Message = "Invitation {InvitationId} to session {SessionId} ended: {Why}")]
    private static partial void LogEnded(ILogger logger, string invitationId, string sessionId, SessionInvitationEnd why);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Error, Message = "A listener of ended invitations failed (session {SessionId})")]
    private static partial void LogListenerFailed(ILogger logger, string sessionId, Exception exception);
}

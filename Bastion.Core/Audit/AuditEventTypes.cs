namespace Bastion.Core.Audit;

/// <summary>The event types Bastion writes (docs/AUDIT.md describes their fields).</summary>
internal static class AuditEventTypes
{
    public const string LoginSucceeded = "auth.login.succeeded";
    public const string LoginFailed = "auth.login.failed";
    public const string Logout = "auth.logout";
    public const string TicketIssued = "ticket.issued";
    public const string SessionStarted = "session.started";
    public const string SessionEnded = "session.ended";
    public const string SessionDenied = "session.denied";
    public const string SessionCommand = "session.command";
    public const string SessionKilled = "session.killed";
    public const string SessionAttached = "session.attached";
    public const string SessionDetached = "session.detached";
    public const string AuditPruned = "audit.pruned";
}

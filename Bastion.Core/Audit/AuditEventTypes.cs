namespace Bastion.Core.Audit;

/// <summary>The event types Bastion writes (docs/AUDIT.md and docs/INVENTORY.md describe their fields). These
/// constants are the only spelling of a type in the code; <see cref="All"/> lists every one, for pages and APIs that
/// offer the types as a filter.</summary>
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
    public const string SessionInvited = "session.invited";
    public const string SessionInvitationRevoked = "session.invitation_revoked";
    public const string AuditPruned = "audit.pruned";

    public const string HostCreated = "host.created";
    public const string HostUpdated = "host.updated";
    public const string HostDeleted = "host.deleted";

    /// <summary>One event per CSV import, with the counts and the names added and updated (not one per line).</summary>
    public const string HostsImported = "host.imported";
    public const string HostKeyScanned = "host.key.scanned";
    public const string HostKeyApproved = "host.key.approved";
    public const string HostKeyDismissed = "host.key.dismissed";
    public const string CredentialCreated = "credential.created";
    public const string CredentialRotated = "credential.rotated";
    public const string CredentialDeleted = "credential.deleted";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserDisabled = "user.disabled";
    public const string UserPasswordReset = "user.password_reset";
    public const string GrantCreated = "grant.created";
    public const string GrantRevoked = "grant.revoked";

    /// <summary>Every type above, in this order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        LoginSucceeded, LoginFailed, Logout, TicketIssued,
        SessionStarted, SessionEnded, SessionDenied, SessionCommand, SessionKilled, SessionAttached, SessionDetached,
        SessionInvited, SessionInvitationRevoked, AuditPruned,
        HostCreated, HostUpdated, HostDeleted, HostsImported, HostKeyScanned, HostKeyApproved, HostKeyDismissed,
        CredentialCreated, CredentialRotated, CredentialDeleted,
        UserCreated, UserUpdated, UserDisabled, UserPasswordReset,
        GrantCreated, GrantRevoked,
    ];
}

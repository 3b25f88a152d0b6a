namespace Bastion.Core.Audit;

/// <summary>The event types Bastion writes (docs/AUDIT.md and docs/INVENTORY.md describe their fields). These
/// constants are the only spelling of a type in the code; <see cref="All"/> lists every one, for pages and APIs that
/// offer the types as a filter.</summary>
internal static class AuditEventTypes
{
    public const string LoginSucceeded = "auth.login.succeeded";
    public const string LoginFailed = "auth.login.failed";
    public const string Logout = "auth.logout";
    public const string LoginEnded = "auth.login.ended";
    public const string RefreshReused = "auth.refresh.reused";
    public const string PasswordChanged = "user.password_changed";
    public const string ApiTokenCreated = "api_token.created";
    public const string ApiTokenRevoked = "api_token.revoked";
    public const string LoginLocked = "auth.login.locked";
    public const string LockoutStarted = "auth.lockout.started";
    public const string LockoutCleared = "auth.lockout.cleared";
    public const string MfaChallenged = "auth.mfa.challenged";
    public const string MfaFailed = "auth.mfa.failed";
    public const string MfaEnrolled = "auth.mfa.enrolled";
    public const string MfaRemoved = "auth.mfa.removed";
    public const string MfaReset = "auth.mfa.reset";
    public const string RecoveryCodeUsed = "auth.mfa.recovery_code_used";
    public const string RecoveryCodesRegenerated = "auth.mfa.recovery_codes_regenerated";
    public const string PasskeyAdded = "auth.passkey.added";
    public const string PasskeyRenamed = "auth.passkey.renamed";
    public const string PasskeyRemoved = "auth.passkey.removed";
    public const string StepUpSucceeded = "auth.step_up.succeeded";
    public const string StepUpFailed = "auth.step_up.failed";
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

    /// <summary>The SHA-256 of a running session's recording so far (every <c>Recording:CheckpointInterval</c>).</summary>
    public const string RecordingCheckpoint = "recording.checkpoint";

    public const string HostCreated = "host.created";
    public const string HostUpdated = "host.updated";
    public const string HostDeleted = "host.deleted";

    /// <summary>One event per CSV import, with the counts and the names added and updated (not one per line).</summary>
    public const string HostsImported = "host.imported";
    public const string HostKeyScanned = "host.key.scanned";
    public const string HostKeyApproved = "host.key.approved";
    public const string HostKeyDismissed = "host.key.dismissed";

    /// <summary>An admin's "test connection" (issue 14): reach, host key and login, with each step's outcome.</summary>
    public const string HostTested = "host.tested";
    public const string CredentialCreated = "credential.created";
    public const string CredentialRotated = "credential.rotated";
    public const string CredentialDeleted = "credential.deleted";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserDisabled = "user.disabled";
    public const string UserPasswordReset = "user.password_reset";
    public const string GrantCreated = "grant.created";
    public const string GrantRevoked = "grant.revoked";
    public const string GrantUpdated = "grant.updated";
    public const string FileUploaded = "file.uploaded";
    public const string FileDownloaded = "file.downloaded";
    public const string FileDeleted = "file.deleted";
    public const string FileChanged = "file.changed";
    public const string FileCopyDownloaded = "file.copy_downloaded";

    /// <summary>Every type above, in this order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        LoginSucceeded, LoginFailed, Logout, LoginEnded, RefreshReused, PasswordChanged, ApiTokenCreated, ApiTokenRevoked,
        LoginLocked, LockoutStarted, LockoutCleared,
        MfaChallenged, MfaFailed, MfaEnrolled, MfaRemoved, MfaReset, RecoveryCodeUsed, RecoveryCodesRegenerated,
        PasskeyAdded, PasskeyRenamed, PasskeyRemoved, StepUpSucceeded, StepUpFailed, TicketIssued,
        SessionStarted, SessionEnded, SessionDenied, SessionCommand, SessionKilled, SessionAttached, SessionDetached,
        SessionInvited, SessionInvitationRevoked, AuditPruned, RecordingCheckpoint,
        HostCreated, HostUpdated, HostDeleted, HostsImported, HostKeyScanned, HostKeyApproved, HostKeyDismissed, HostTested,
        CredentialCreated, CredentialRotated, CredentialDeleted,
        UserCreated, UserUpdated, UserDisabled, UserPasswordReset,
        GrantCreated, GrantRevoked, GrantUpdated,
        FileUploaded, FileDownloaded, FileDeleted, FileChanged, FileCopyDownloaded,
    ];
}

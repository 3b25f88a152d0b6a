namespace Bastion.Core.Terminal;

/// <summary>Machine-readable <c>code</c> values of <c>{"flag":"error"}</c> messages (docs/PROTOCOL.md).</summary>
internal static class ErrorCodes
{
    public const string BadMessage = "bad_message";
    public const string BadSize = "bad_size";
    public const string HostKeyUnpinned = "host_key_unpinned";
    public const string HostKeyMismatch = "host_key_mismatch";
    public const string Unreachable = "unreachable";
    public const string AuthFailed = "auth_failed";
    public const string HostError = "host_error";
    public const string HostUnresponsive = "host_unresponsive";
    public const string ClientTooSlow = "client_too_slow";
    public const string ServerStopping = "server_stopping";
    public const string RecorderFailed = "recorder_failed";

    // The disk holding the recording or the audit store is full (issue 13): final, followed by close 1011.
    public const string StorageFull = "storage_full";
    public const string AccessRevoked = "access_revoked";
    public const string AuditUnavailable = "audit_unavailable";
    public const string SessionKilled = "session_killed";
    public const string DetachedTimeout = "detached_timeout";
    public const string TakenOver = "taken_over";
    public const string InvitationEnded = "invitation_ended";
    public const string ReadOnly = "read_only";

    // The login (or API token) that opened the session ended: logout, expiry, a disabled user, a password change (issue 11).
    public const string LoginEnded = "login_ended";

    // Lifecycle limits (issue 9): endings, the refusal, and the warnings' codes (a "warning" message, not an error).
    public const string IdleTimeout = "idle_timeout";
    public const string MaxDuration = "max_duration";
    public const string TooManySessions = "too_many_sessions";
    public const string IdleTimeoutSoon = "idle_timeout_soon";
    public const string MaxDurationSoon = "max_duration_soon";

    // The connect queue (issue 12): not final, the client retries with backoff (close 1013, try again later).
    public const string ConnectQueueFull = "connect_queue_full";
    public const string ConnectQueueTimeout = "connect_queue_timeout";
}

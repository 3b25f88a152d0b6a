namespace Bastion.Core.Audit.Export;

/// <summary>The RFC 5424 §6.2.1 severity of an audit event: refusals and failures that a SIEM alerts on are warnings,
/// changes to who may do what are notices, the rest informational.</summary>
internal static class SyslogSeverity
{
    public const int Warning = 4;
    public const int Notice = 5;
    public const int Informational = 6;

    private static readonly HashSet<string> Warnings = new(StringComparer.Ordinal)
    {
        AuditEventTypes.LoginFailed, AuditEventTypes.MfaFailed, AuditEventTypes.StepUpFailed, AuditEventTypes.SessionDenied,
        AuditEventTypes.RefreshReused, AuditEventTypes.LoginLocked, AuditEventTypes.LockoutStarted, AuditEventTypes.SessionKilled,
    };

    private static readonly HashSet<string> Notices = new(StringComparer.Ordinal)
    {
        AuditEventTypes.AuditPruned, AuditEventTypes.HostKeyApproved, AuditEventTypes.HostDeleted, AuditEventTypes.CredentialRotated,
        AuditEventTypes.CredentialDeleted, AuditEventTypes.UserCreated, AuditEventTypes.UserUpdated, AuditEventTypes.UserDisabled,
        AuditEventTypes.UserPasswordReset, AuditEventTypes.GrantCreated, AuditEventTypes.GrantRevoked, AuditEventTypes.GrantUpdated,
        AuditEventTypes.MfaRemoved, AuditEventTypes.MfaReset, AuditEventTypes.ApiTokenCreated, AuditEventTypes.ApiTokenRevoked,
    };

    public static int Of(string type) =>
        Warnings.Contains(type) ? Warning : Notices.Contains(type) ? Notice : Informational;
}

using System.Net.WebSockets;

namespace Bastion.Core.Terminal;

/// <summary>
/// Why a session ends, and everything that follows from it: the <see cref="Outcome"/>, what the attached browser is
/// told (<see cref="Code"/> and <see cref="Message"/> in an <c>error</c>, then close <see cref="Status"/>; no error when
/// <see cref="Code"/> is null), the <see cref="Detail"/> kept with the result, and the audit <see cref="Reason"/> of
/// <c>session.ended</c>. Every way a session ends is one of these, passed to the session's one <c>End</c>.
/// </summary>
internal sealed record SessionEnding(
    RelayOutcome Outcome, string? Code, string? Message, WebSocketCloseStatus Status, string? Detail, string Reason, string? By = null)
{
    public static readonly SessionEnding ServerStopping =
        Outside(ErrorCodes.ServerStopping, "the session was ended by the server", WebSocketCloseStatus.EndpointUnavailable, "server stopping", "server_stopping");

    /// <summary>The user ended the session (<c>{"flag":"end"}</c> or <c>DELETE /api/sessions/{id}</c>): no error, a normal close.</summary>
    public static readonly SessionEnding EndedByUser =
        new(RelayOutcome.Cancelled, null, null, WebSocketCloseStatus.NormalClosure, "ended by the user", "ended_by_user");

    /// <summary>No browser re-attached within <c>Terminal:DetachedGrace</c>.</summary>
    public static readonly SessionEnding DetachedTimeout =
        Outside(ErrorCodes.DetachedTimeout, "the session ended because no browser re-attached in time", WebSocketCloseStatus.NormalClosure, "detached too long", "detached_timeout");

    /// <summary>Nobody typed for the session's idle timeout (issue 9). Close 4002: final, no reconnect.</summary>
    public static readonly SessionEnding IdleTimeout =
        Outside(ErrorCodes.IdleTimeout, "the session was ended because nobody typed for too long (idle timeout)", CloseCodes.IdleTimeout, "idle timeout", "idle_timeout");

    /// <summary>The session reached its maximum duration (issue 9). Close 4003: final, no reconnect.</summary>
    public static readonly SessionEnding MaxDuration =
        Outside(ErrorCodes.MaxDuration, "the session was ended because it reached its maximum duration", CloseCodes.MaxDuration, "maximum duration", "max_duration");

    /// <summary>The disk holding the recording (or the audit store) is full: the session ends rather than go on
    /// unrecorded, and says so (issue 13), not that the recorder could not keep up. 1011, final.</summary>
    public static readonly SessionEnding StorageFull =
        Outside(ErrorCodes.StorageFull, "the server's disk is full, so the session recording cannot be written and the session was ended to keep the audit complete; ask an admin to free space", WebSocketCloseStatus.InternalServerError, "storage full", "storage_full");

    /// <summary>An administrator killed the session.</summary>
    public static SessionEnding Killed(string by) =>
        Outside(ErrorCodes.SessionKilled, "the session was ended by an administrator", WebSocketCloseStatus.PolicyViolation, "killed by " + by, "killed") with { By = by };

    /// <summary>An ending from outside the shell and the browser (kill, revocation, shutdown, a limit).</summary>
    public static SessionEnding Outside(string code, string message, WebSocketCloseStatus status, string detail, string reason) =>
        new(RelayOutcome.Cancelled, code, message, status, detail, reason);

    /// <summary>The shell or the browser ended it; the audit reason is the outcome's name (<c>host_closed</c>...).</summary>
    public static SessionEnding Of(RelayOutcome outcome, string? detail) =>
        new(outcome, null, null, WebSocketCloseStatus.NormalClosure, detail, ReasonName(outcome));

    /// <summary><c>RecorderFailed</c> → <c>recorder_failed</c>.</summary>
    public static string ReasonName(RelayOutcome outcome)
    {
        var name = outcome.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}

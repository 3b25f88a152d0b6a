using Bastion.Core.Sessions;
using Bastion.Core.Transfer;
using Bastion.Core.Validation;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Transfer;

/// <summary>
/// The checks every file endpoint makes, in the order that leaks least: an active user; their own live terminal
/// session (someone else's, an unknown or an ended one are the same 404); the host still openable for them and what
/// its grants allow (<see cref="TransferPolicy"/>), checked on every request. Then a place on the session's one SFTP
/// connection over its own target, the same inventory login and pinned host key as the shell (<see cref="SftpSessions"/>).
/// </summary>
internal sealed class FileRequests(UserDirectory users, ISessionRegistry registry, TransferPolicy policy, SftpSessions connections, IOptions<TransferOptions> options)
{
    public TransferOptions Options => options.Value;

    public async Task<(FileRequest? Request, FileRefusal Refusal)> ResolveAsync(HttpContext context, string sessionId, CancellationToken cancellationToken)
    {
        var user = await users.FindActiveAsync(context.User, cancellationToken);
        if (user is null)
        {
            return (null, FileRefusal.SignedOut);
        }

        if (registry.Find(sessionId) is not { IsLive: true, Shell: { IsEnded: false } shell } live || live.UserId != user.Id)
        {
            return (null, FileRefusal.NoSession);
        }

        if (await policy.ResolveAsync(user, live.HostId, cancellationToken) is not { } permissions)
        {
            return (null, FileRefusal.NoSession);
        }

        var request = live.Request;
        var facts = new TransferFacts(user.UserName, live.Id, live.HostId, request.HostName, request.Target.UserName, context.Connection.RemoteIpAddress?.ToString());
        return (new FileRequest(facts, permissions, request.Target, shell.Ending), FileRefusal.None);
    }

    /// <summary>A place on the session's SFTP connection (opened on first use, replaced if it died); dispose it when done.</summary>
    public Task<(SftpLease? Lease, TransferResult Result)> LeaseAsync(FileRequest request, CancellationToken cancellationToken) =>
        connections.LeaseAsync(request.Facts.SessionId, request.Target, request.SessionEnded, cancellationToken);

    public static NotFound<ApiError> SessionNotFound() =>
        TypedResults.NotFound(new ApiError(ReplyMessages.FileSessionNotRunning));
}

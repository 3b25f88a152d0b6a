using Bastion.Core.Sessions;
using Bastion.Core.Ssh;
using Bastion.Core.Transfer;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.Extensions.Options;
using Renci.SshNet;

namespace Bastion.Web.Transfer;

/// <summary>
/// The checks every file endpoint makes, in the order that leaks least: an active user; their own live terminal
/// session (someone else's, an unknown or an ended one are the same 404); the host still openable for them and what
/// its grants allow (<see cref="TransferPolicy"/>). Then the SFTP connection over the session's own target: the
/// same inventory login and pinned host key as the shell (<see cref="SftpConnector"/>).
/// </summary>
internal sealed class FileRequests(UserDirectory users, ISessionRegistry registry, TransferPolicy policy, SftpConnector connector, IOptions<TransferOptions> options)
{
    public TransferOptions Options => options.Value;

    public async Task<(FileRequest? Request, IResult? Refusal)> ResolveAsync(HttpContext context, string sessionId, CancellationToken cancellationToken)
    {
        var user = await users.FindActiveAsync(context.User, cancellationToken);
        if (user is null)
        {
            return (null, TypedResults.Unauthorized());
        }

        if (registry.Find(sessionId) is not { IsLive: true } live || live.UserId != user.Id)
        {
            return (null, SessionNotFound());
        }

        if (await policy.ResolveAsync(user, live.HostId, cancellationToken) is not { } permissions)
        {
            return (null, SessionNotFound());
        }

        var request = live.Request;
        var facts = new TransferFacts(user.UserName, live.Id, live.HostId, request.HostName, request.Target.UserName, context.Connection.RemoteIpAddress?.ToString());
        return (new FileRequest(facts, permissions, request.Target), null);
    }

    public async Task<(SshConnection<SftpClient>? Connection, TransferResult Result)> ConnectAsync(FileRequest request, CancellationToken cancellationToken)
    {
        var attempt = await connector.ConnectAsync(request.Target, options.Value.OperationTimeout, cancellationToken);
        if (attempt.Connection is { } connection)
        {
            return (connection, TransferResult.Done());
        }

        var error = attempt.Failure == ConnectFailure.SubsystemUnavailable ? TransferError.Unavailable : TransferError.HostError;
        return (null, TransferResult.Failed(error, attempt.Message ?? "the host cannot be reached for file transfer"));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.NotFound<ApiError> SessionNotFound() =>
        TypedResults.NotFound(new ApiError("no such running session of yours; open a terminal to the host first"));
}

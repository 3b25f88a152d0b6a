using Bastion.Core.Audit;
using Bastion.Core.Transfer;
using Bastion.Core.Validation;

using ChangeReply = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.NoContent,
    Microsoft.AspNetCore.Http.HttpResults.UnauthorizedHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.NotFound<Bastion.Web.Hosting.ApiError>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<Bastion.Web.Hosting.ApiError>>;

namespace Bastion.Web.Transfer;

/// <summary>The operations that change the host's tree without moving file contents: mkdir, rename, delete. They
/// need the upload right (a download-only grant is read-only) and are audited like transfers.</summary>
internal static partial class FileEndpoints
{
    private static Task<ChangeReply> CreateDirectoryAsync(
        string sessionId, PathRequest body, HttpContext context, FileRequests requests, TransferAuditor auditor, CancellationToken cancellationToken) =>
        ChangeAsync(sessionId, body.Path, context, requests, auditor, AuditEventTypes.FileChanged, "mkdir", (files, path, ct) =>
            RemotePaths.IsPlainName(RemotePaths.Name(path)) ? files.CreateDirectoryAsync(path, ct) : Task.FromResult(TransferResult.Failed(TransferError.BadPath, ReplyMessages.FolderNameHasSlash)),
            cancellationToken);

    private static async Task<ChangeReply> RenameAsync(
        string sessionId, RenameRequest body, HttpContext context, FileRequests requests, TransferAuditor auditor, CancellationToken cancellationToken)
    {
        string? target = null;
        return await ChangeAsync(sessionId, body.From, context, requests, auditor, AuditEventTypes.FileChanged, "rename", async (files, from, ct) =>
        {
            if (string.IsNullOrEmpty(body.To) || RemotePaths.Resolve(body.To, files.Home) is not { } to)
            {
                return TransferResult.Failed(TransferError.BadPath, ReplyMessages.FileNewNameMissing);
            }

            target = to;
            return await files.RenameAsync(from, to, ct);
        }, cancellationToken, () => target);
    }

    private static Task<ChangeReply> DeleteAsync(
        string sessionId, string? path, HttpContext context, FileRequests requests, TransferAuditor auditor, CancellationToken cancellationToken) =>
        ChangeAsync(sessionId, path, context, requests, auditor, AuditEventTypes.FileDeleted, "delete", (files, resolved, ct) => files.DeleteAsync(resolved, ct), cancellationToken);

    private static async Task<ChangeReply> ChangeAsync(
        string sessionId, string? path, HttpContext context, FileRequests requests, TransferAuditor auditor, string type, string operation,
        Func<SftpFiles, string, CancellationToken, Task<TransferResult>> change, CancellationToken cancellationToken, Func<string?>? target = null)
    {
        var (request, refusal) = await requests.ResolveAsync(context, sessionId, cancellationToken);
        if (request is null)
        {
            return refusal == FileRefusal.SignedOut ? TypedResults.Unauthorized() : FileRequests.SessionNotFound();
        }

        var started = auditor.Start();
        var extra = new Dictionary<string, string?> { ["operation"] = operation };
        if (!request.Permissions.Upload)
        {
            var refused = TransferResult.Failed(TransferError.NotAllowed, ReplyMessages.FileChangesOff);
            return await AuditAndAnswerAsync(auditor, type, request, path ?? "", refused, started, extra);
        }

        if (string.IsNullOrEmpty(path))
        {
            return BadPath();
        }

        var (lease, connected) = await requests.LeaseAsync(request, cancellationToken);
        if (lease is null)
        {
            return await AuditAndAnswerAsync(auditor, type, request, path, connected, started, extra);
        }

        using (lease)
        {
            var files = new SftpFiles(lease.Client, requests.Options);
            if (RemotePaths.Resolve(path, files.Home) is not { } resolved)
            {
                return BadPath();
            }

            var result = await change(files, resolved, cancellationToken);
            if (target?.Invoke() is { } to)
            {
                extra["to"] = to;
            }

            return await AuditAndAnswerAsync(auditor, type, request, resolved, result, started, extra);
        }
    }
}

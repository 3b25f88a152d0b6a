using Bastion.Core.Audit;
using Bastion.Core.Transfer;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

using ChangeReply = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.NoContent,
    Microsoft.AspNetCore.Http.HttpResults.UnauthorizedHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.NotFound<Bastion.Web.Hosting.ApiError>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<Bastion.Web.Hosting.ApiError>>;

namespace Bastion.Web.Transfer;

/// <summary>
/// The file panel's API on a live terminal session (issue 14). Each call: <see cref="FileRequests"/> (user, own live
/// session, grant, each time), a place on the session's one SFTP connection, the Core operation (<see cref="SftpFiles"/>), the audit event
/// (<see cref="TransferAuditor"/>; refusals too), the reply. Errors are problems with a <c>code</c>.
/// </summary>
internal static partial class FileEndpoints
{
    public static void MapFileEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/sessions/{sessionId}/files").RequireAuthorization().WithTags("Files");
        group.MapGet("/", ListAsync).WithName("ListFiles");
        group.MapGet("/content", DownloadAsync).WithName("DownloadFile").Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        group.MapPut("/content", UploadAsync).WithName("UploadFile");
        group.MapPost("/directories", CreateDirectoryAsync).WithName("CreateDirectory");
        group.MapPost("/rename", RenameAsync).WithName("RenameFile");
        group.MapDelete("/", DeleteAsync).WithName("DeleteFile");
    }

    private static async Task<Results<Ok<FileListDto>, UnauthorizedHttpResult, NotFound<ApiError>, JsonHttpResult<ApiError>>> ListAsync(string sessionId, string? path, HttpContext context, FileRequests requests, CancellationToken cancellationToken)
    {
        var (request, refusal) = await requests.ResolveAsync(context, sessionId, cancellationToken);
        if (request is null)
        {
            return refusal == FileRefusal.SignedOut ? TypedResults.Unauthorized() : FileRequests.SessionNotFound();
        }

        if (!request.Permissions.Browse)
        {
            return TransferProblems.Of(TransferError.NotAllowed, ReplyMessages.FileTransferOff);
        }

        var (lease, connected) = await requests.LeaseAsync(request, cancellationToken);
        if (lease is null)
        {
            return TransferProblems.From(connected);
        }

        using (lease)
        {
            var files = new SftpFiles(lease.Client, requests.Options);
            if (RemotePaths.Resolve(path, files.Home) is not { } resolved)
            {
                return BadPath();
            }

            var listing = await files.ListAsync(resolved, cancellationToken);
            return listing.Result.Succeeded
                ? TypedResults.Ok(new FileListDto(resolved, RemotePaths.Parent(resolved), files.Home, listing.Entries, listing.Truncated, listing.Total,
                    listing.TotalCapped, request.Permissions.Upload, request.Permissions.Download, requests.Options.MaxFileBytes))
                : TransferProblems.From(listing.Result);
        }
    }

    private static async Task<Results<EmptyHttpResult, UnauthorizedHttpResult, NotFound<ApiError>, JsonHttpResult<ApiError>>> DownloadAsync(
        string sessionId, string? path, HttpContext context, FileRequests requests, TransferAuditor auditor, KeptCopies copies, CancellationToken cancellationToken)
    {
        var (request, refusal) = await requests.ResolveAsync(context, sessionId, cancellationToken);
        if (request is null)
        {
            return refusal == FileRefusal.SignedOut ? TypedResults.Unauthorized() : FileRequests.SessionNotFound();
        }

        var started = auditor.Start();
        if (!request.Permissions.Download)
        {
            return await RefuseAsync(auditor, AuditEventTypes.FileDownloaded, request, path, started, ReplyMessages.FileDownloadOff);
        }

        var (lease, connected) = await requests.LeaseAsync(request, cancellationToken);
        if (lease is null)
        {
            await auditor.WriteAsync(AuditEventTypes.FileDownloaded, request.Facts, path ?? "", connected, started);
            return TransferProblems.From(connected);
        }

        using (lease)
        {
            var files = new SftpFiles(lease.Client, requests.Options);
            if (RemotePaths.Resolve(path, files.Home) is not { } resolved || string.IsNullOrEmpty(path))
            {
                return BadPath();
            }

            // 1. Size and kind first, so the reply can say how long it is (the browser's progress) or refuse cleanly.
            var check = await files.CheckDownloadAsync(resolved, cancellationToken);
            if (!check.Succeeded)
            {
                await auditor.WriteAsync(AuditEventTypes.FileDownloaded, request.Facts, resolved, check, started);
                return TransferProblems.From(check);
            }

            // 2. Stream: SFTP reads straight into the response body, never buffered whole.
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = check.Bytes;
            context.Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment")
            {
                FileNameStar = RemotePaths.Name(resolved),
            }.ToString();
            context.Response.Headers[HeaderNames.CacheControl] = "no-store";
            var (copy, notCopied) = copies.Begin(request.Facts.SessionId, check.Bytes);
            await using (copy)
            {
                var result = await files.DownloadAsync(resolved, context.Response.Body, cancellationToken, copy);
                await auditor.WriteAsync(AuditEventTypes.FileDownloaded, request.Facts, resolved, result, started, await CopyFactsAsync(copy, notCopied, result));
                if (!result.Succeeded)
                {
                    context.Abort(); // the status line is sent; cutting the body short is how the browser learns of the failure
                }
            }

            return TypedResults.Empty;
        }
    }

    /// <summary>What became of the transfer's kept copy, for its audit event; nothing when copies are off. A copy not
    /// kept says why in English (<c>copyReason</c>) and as a code (<c>copyReasonCode</c>) with its values
    /// (<c>copyReason.&lt;name&gt;</c>), which the session's page words in the reader's language.</summary>
    private static async Task<Dictionary<string, string?>?> CopyFactsAsync(KeptCopy? copy, FieldMessage? notCopied, TransferResult result)
    {
        if (copy is null)
        {
            return notCopied is null ? null : NotKept(notCopied);
        }

        if (!result.Succeeded)
        {
            await copy.DropAsync(ReplyMessages.CopyTransferIncomplete);
        }
        else if (await copy.KeepAsync())
        {
            return new() { ["copyKept"] = "true", ["copyId"] = copy.Id };
        }

        return NotKept(copy.Reason ?? ReplyMessages.CopyTransferIncomplete);
    }

    private static Dictionary<string, string?> NotKept(FieldMessage reason)
    {
        var facts = new Dictionary<string, string?> { ["copyKept"] = "false", ["copyReason"] = reason.Text, ["copyReasonCode"] = reason.Code };
        foreach (var (name, value) in reason.Args)
        {
            facts["copyReason." + name] = value;
        }

        return facts;
    }

    private static async Task<Results<Ok<FileUploadedDto>, UnauthorizedHttpResult, NotFound<ApiError>, JsonHttpResult<ApiError>>> UploadAsync(
        string sessionId, string? path, string? name, bool? overwrite, HttpContext context, FileRequests requests, TransferAuditor auditor, KeptCopies copies,
        CancellationToken cancellationToken)
    {
        var (request, refusal) = await requests.ResolveAsync(context, sessionId, cancellationToken);
        if (request is null)
        {
            return refusal == FileRefusal.SignedOut ? TypedResults.Unauthorized() : FileRequests.SessionNotFound();
        }

        var started = auditor.Start();
        var named = RemotePaths.Join(path ?? "~", name ?? "");
        if (!request.Permissions.Upload)
        {
            return await RefuseAsync(auditor, AuditEventTypes.FileUploaded, request, named, started, ReplyMessages.FileUploadOff);
        }

        var limit = requests.Options.MaxFileBytes;
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            var tooLarge = TransferResult.Failed(TransferError.TooLarge, ReplyMessages.FileUploadOverLimit(SftpErrors.Bytes(declared), SftpErrors.Bytes(limit)));
            await auditor.WriteAsync(AuditEventTypes.FileUploaded, request.Facts, named, tooLarge, started);
            return TransferProblems.From(tooLarge);
        }

        if (name is null || !RemotePaths.IsPlainName(name))
        {
            return BadPath(ReplyMessages.FileNameHasSlash);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit; // HashingStream enforces the same bound for bodies without a length
        }

        var (lease, connected) = await requests.LeaseAsync(request, cancellationToken);
        if (lease is null)
        {
            await auditor.WriteAsync(AuditEventTypes.FileUploaded, request.Facts, named, connected, started);
            return TransferProblems.From(connected);
        }

        using (lease)
        {
            var files = new SftpFiles(lease.Client, requests.Options);
            if (RemotePaths.Resolve(path, files.Home) is not { } directory)
            {
                return BadPath();
            }

            var target = RemotePaths.Join(directory, name);
            var (copy, notCopied) = copies.Begin(request.Facts.SessionId, context.Request.ContentLength);
            await using var kept = copy;
            var result = await files.UploadAsync(directory, name, context.Request.Body, overwrite ?? false, cancellationToken, copy);
            await auditor.WriteAsync(AuditEventTypes.FileUploaded, request.Facts, target, result, started, await CopyFactsAsync(copy, notCopied, result));
            return result.Succeeded ? TypedResults.Ok(new FileUploadedDto(target, result.Bytes, result.Sha256)) : TransferProblems.From(result);
        }
    }

    private static async Task<JsonHttpResult<ApiError>> RefuseAsync(TransferAuditor auditor, string type, FileRequest request, string? path, long started, FieldMessage message)
    {
        var refused = TransferResult.Failed(TransferError.NotAllowed, message);
        await auditor.WriteAsync(type, request.Facts, path ?? "", refused, started);
        return TransferProblems.From(refused);
    }

    private static async Task<ChangeReply> AuditAndAnswerAsync(TransferAuditor auditor, string type, FileRequest request, string path, TransferResult result, long started,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        await auditor.WriteAsync(type, request.Facts, path, result, started, extra);
        return result.Succeeded ? TypedResults.NoContent() : TransferProblems.From(result);
    }

    private static JsonHttpResult<ApiError> BadPath(FieldMessage? message = null) => TransferProblems.Of(TransferError.BadPath, message ?? ReplyMessages.FilePathInvalid);
}

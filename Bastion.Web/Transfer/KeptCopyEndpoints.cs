using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Bastion.Core.Transfer;
using Bastion.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Bastion.Web.Transfer;

/// <summary>
/// <c>GET /api/sessions/{id}/copies/{copyId}</c>: a kept copy of a transferred file (<see cref="KeptCopies"/>), for
/// auditors and admins on the session's page. The copy is found through its audit event (<c>copyId</c> in a
/// <c>file.uploaded</c> / <c>file.downloaded</c> event of that session), hashed before it is sent and refused if its
/// SHA-256 is not the event's, and each download is audited (<c>file.copy_downloaded</c>). Anyone else, an unknown
/// copy and a copy whose file is gone are the same 404 problem.
/// </summary>
internal static class KeptCopyEndpoints
{
    private const int ReadBufferBytes = 256 * 1024;

    public static void MapKeptCopyEndpoints(this WebApplication app) =>
        app.MapGet("/api/sessions/{sessionId}/copies/{copyId}", DownloadAsync).RequireAuthorization().WithTags("Files").WithName("DownloadKeptCopy");

    private static async Task<IResult> DownloadAsync(
        string sessionId, string copyId, ClaimsPrincipal principal, HttpContext context, BastionDbContext db, KeptCopies copies, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!(principal.IsInRole(Roles.Auditor) || principal.IsInRole(Roles.Admin)) || !KeptCopy.IsId(copyId))
        {
            return NotFound();
        }

        var rows = await db.AuditRecords.AsNoTracking()
            .Where(r => r.SessionId == sessionId && (r.Type == AuditEventTypes.FileUploaded || r.Type == AuditEventTypes.FileDownloaded))
            .OrderBy(r => r.Sequence).Take(10_000).ToListAsync(cancellationToken);
        var found = rows.Select(r => (Row: r, Data: Parse(r.DataJson))).FirstOrDefault(e => e.Data.GetValueOrDefault("copyId") == copyId);
        if (found.Row is null || copies.PathOf(sessionId, copyId) is not { } path)
        {
            return NotFound();
        }

        var expected = found.Data.GetValueOrDefault("sha256");
        var name = Path.GetFileName(found.Data.GetValueOrDefault("path") ?? copyId);
        var actor = principal.FindFirstValue("name") ?? "unknown";
        var data = new Dictionary<string, string?>
        {
            ["copyId"] = copyId,
            ["path"] = found.Data.GetValueOrDefault("path"),
            ["of"] = found.Row.Type,
            ["sha256"] = expected,
        };

        // 1. The copy must be the bytes the audit event names: hash the file first (it is on local disk and bounded
        //    by Transfer:KeepCopiesMaxFileBytes), so a mismatch is a clean problem reply rather than a cut body.
        await using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            data["outcome"] = TransferCodes.CopyCorrupt;
            data["reason"] = $"the copy's SHA-256 is {actual}";
            await AppendAsync(audit, actor, context, sessionId, found.Row.HostId, data);
            return TransferProblems.Of(TransferError.CopyCorrupt, ReplyMessages.KeptCopyMismatch);
        }

        data["outcome"] = "ok";
        await AppendAsync(audit, actor, context, sessionId, found.Row.HostId, data);

        // 2. Stream it from the start, never whole in memory.
        file.Position = 0;
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = file.Length;
        context.Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileNameStar = name }.ToString();
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        await file.CopyToAsync(context.Response.Body, ReadBufferBytes, cancellationToken);
        return TypedResults.Empty;
    }

    private static Task AppendAsync(IAuditLog audit, string actor, HttpContext context, string sessionId, Guid? hostId, Dictionary<string, string?> data) =>
        audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.FileCopyDownloaded,
            Actor = actor,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            SessionId = sessionId,
            HostId = hostId,
            Data = data,
        }, CancellationToken.None);

    private static Dictionary<string, string?> Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<Bastion.Web.Hosting.ApiError> NotFound() => TransferProblems.Of(TransferError.NotFound, ReplyMessages.KeptCopyNotFound);
}

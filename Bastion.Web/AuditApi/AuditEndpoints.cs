using System.Globalization;
using System.Text;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.AuditApi;

/// <summary><c>/api/audit/*</c>: query, export, verify (auditor or admin).</summary>
internal static class AuditEndpoints
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <param name="Names">Host and user names by id (lower-case GUID text) for the ids this page mentions.</param>
    public sealed record AuditEventPage(IReadOnlyList<AuditEventDto> Events, long? Next, IReadOnlyDictionary<string, string> Names);

    /// <param name="Types">Every event type Bastion writes (<c>AuditEventTypes.All</c>): the one list pages and
    /// scripts offer as the <c>type</c> filter (which also takes a prefix such as <c>host</c>).</param>
    public sealed record AuditTypesResponse(IReadOnlyList<string> Types);

    public sealed record HeadResponse(long Sequence, string Hash, DateTimeOffset? Time);

    public static Ok<AuditTypesResponse> Types() => TypedResults.Ok(new AuditTypesResponse(AuditEventTypes.All));

    public static async Task<Results<Ok<AuditEventPage>, BadRequest<ApiError>>> ListAsync([AsParameters] AuditQuery filter, BastionDbContext db, CancellationToken cancellationToken)
    {
        var (query, error) = await filter.ApplyAsync(db.AuditRecords.AsNoTracking(), db, cancellationToken);
        if (query is null)
        {
            return TypedResults.BadRequest(new ApiError(error!));
        }

        var rows = await query.OrderByDescending(r => r.Sequence).Take(filter.PageSize + 1).ToListAsync(cancellationToken);
        var more = rows.Count > filter.PageSize;
        var shown = rows.Take(filter.PageSize).ToList();
        var page = shown.Select(AuditEventDto.From).ToList();
        var names = await AuditNames.ResolveAsync(db, shown, cancellationToken);
        return TypedResults.Ok(new AuditEventPage(page, more ? page[^1].Sequence : null, names));
    }

    public static Task ExportJsonLinesAsync([AsParameters] AuditQuery filter, BastionDbContext db, HttpContext context) =>
        ExportAsync(filter, db, context, "application/x-ndjson", "jsonl", null, (w, r) =>
            w.Append(JsonSerializer.Serialize(AuditEventDto.From(r), s_json) + "\n"));

    public static Task ExportCsvAsync([AsParameters] AuditQuery filter, BastionDbContext db, HttpContext context) =>
        ExportAsync(filter, db, context, "text/csv; charset=utf-8", "csv",
            "sequence,time,type,actor,client_address,session_id,host_id,data,prev_hash,hash\n",
            (w, r) =>
            {
                string?[] fields =
                [
                    r.Sequence.ToString(CultureInfo.InvariantCulture),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.TimeMs).ToString("O", CultureInfo.InvariantCulture),
                    r.Type, r.Actor, r.ClientAddress, r.SessionId, r.HostId?.ToString(), r.DataJson, r.PrevHash, r.Hash,
                ];
                w.Append(string.Join(',', fields.Select(CsvField)) + "\n");
            });

    public static async Task<Ok<AuditVerification>> VerifyAsync(AuditVerifier verifier, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verifier.VerifyAsync(cancellationToken));

    public static async Task<Ok<HeadResponse>> HeadAsync(SqliteAuditLog log, CancellationToken cancellationToken)
    {
        var (sequence, hash, timeMs) = await log.ReadHeadWithTimeAsync(cancellationToken);
        return TypedResults.Ok(new HeadResponse(sequence, hash, sequence == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(timeMs)));
    }

    private static async Task ExportAsync(
        AuditQuery filter, BastionDbContext db, HttpContext context, string contentType, string extension, string? header, Action<StringBuilder, AuditRecord> write)
    {
        var (query, error) = await filter.ApplyAsync(db.AuditRecords.AsNoTracking(), db, context.RequestAborted);
        if (query is null)
        {
            await TypedResults.BadRequest(new ApiError(error!)).ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = contentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"bastion-audit.{extension}\"";
        var text = new StringBuilder(header);
        await foreach (var row in query.OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(context.RequestAborted))
        {
            write(text, row);
            if (text.Length > 32 * 1024)
            {
                await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
                text.Clear();
            }
        }

        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    /// <summary>Quoted, with control characters shown as <c>\uXXXX</c> and a leading formula character defused.</summary>
    private static string CsvField(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var text = new StringBuilder(value.Length + 2);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            text.Append('\'');
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }
}

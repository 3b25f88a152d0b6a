using System.Globalization;
using System.Text;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Inventory.Import;
using Bastion.Core.Validation;
using Bastion.Web.Admin;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Inventory;

/// <summary>
/// Import of known_hosts / ssh-keyscan output (pins keys of matching hosts) and of a hosts CSV; export of the inventory
/// as CSV or JSON. No secret is ever imported or exported here: credentials are set per host or shared afterwards.
/// </summary>
internal static class HostImportExportEndpoints
{
    public const string CsvHeader = "name,address,port,username,description,groups,labels,charset,enabled,hostKeyFingerprint";

    public sealed record ImportRequest(string? Text);

    public sealed record KnownHostsResult(int Pinned, int Pending, int Unchanged, List<string> Unmatched);

    /// <summary>The import's limits, named so the refusal can say them: 200,000 lines and 32 million characters
    /// (about 160 per line); the request body limit (<c>Kestrel:Limits:MaxRequestBodySize</c>, 30 MB by default)
    /// applies on top.</summary>
    public const int MaxCsvLines = 200_000;

    public const int MaxCsvChars = 32_000_000;

    public static void MapHostImportExportEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/hosts").RequireAuthorization(Roles.Admin).WithTags(HostEndpoints.Tag);
        group.MapPost("/import/known-hosts", ImportKnownHostsAsync).WithName("ImportKnownHosts");
        group.MapPost("/import/csv", ImportCsvAsync).WithName("ImportHostsCsv").AddOpenApiOperationTransformer(CsvImportStream.DescribeAsync);
        group.MapGet("/export", ExportAsync).WithName("ExportHosts");
    }

    /// <summary>A host without a pin gets the imported key pinned; a host pinned to a different key gets it as
    /// pending for review (never a silent re-pin): <see cref="KnownHostsImporter"/>. Each pin is audited.</summary>
    private static async Task<Results<Ok<KnownHostsResult>, ValidationProblem>> ImportKnownHostsAsync(
        ImportRequest request, HttpContext context, KnownHostsImporter importer, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 1_000_000)
        {
            return FormProblems.Of("text", FieldMessages.KnownHostsText);
        }

        var result = await importer.ImportAsync(KnownHostsParser.Parse(request.Text), cancellationToken);
        foreach (var pin in result.Pins)
        {
            await audit.AppendAsync(context, AuditEventTypes.HostKeyApproved, pin.HostId, new { fingerprint = (string?)null },
                new { fingerprint = pin.Fingerprint, keyType = pin.KeyType, source = "known_hosts import" }, cancellationToken);
        }

        return TypedResults.Ok(new KnownHostsResult(result.Pinned, result.Pending, result.Unchanged, [.. result.Unmatched]));
    }

    /// <summary>Adds the hosts whose names are new and updates those that exist, in bulk (<see cref="HostImporter"/>), in
    /// one transaction; answers line by line. One audit event for the whole import. With
    /// <c>Accept: application/x-ndjson</c> the reply is a stream of progress lines, then the same report
    /// (<see cref="CsvImportStream"/>).</summary>
    private static async Task<Results<Ok<CsvResult>, PushStreamHttpResult, ValidationProblem>> ImportCsvAsync(
        ImportRequest request, HttpContext context, HostImporter importer, IAuditLog audit, IOptions<JsonOptions> json, ILogger<HostImporter> logger,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return FormProblems.Of("text", FieldMessages.CsvTextRequired(CsvHeader));
        }

        if (request.Text.Length > MaxCsvChars)
        {
            return FormProblems.Of("text", FieldMessages.CsvTooLarge(MaxCsvLines, MaxCsvChars));
        }

        var rows = Csv.Parse(request.Text);
        if (rows.Count - 1 > MaxCsvLines)
        {
            return FormProblems.Of("text", FieldMessages.CsvTooLarge(MaxCsvLines, MaxCsvChars));
        }

        var header = rows.FirstOrDefault()?.Select(c => c.Trim()).ToList() ?? [];
        if (!header.Contains("name") || !header.Contains("address") || !header.Contains("username"))
        {
            return FormProblems.Of("text", FieldMessages.CsvHeaderMissing);
        }

        Task<CsvResult> RunAsync(HostImportProgress? progress) => ImportRowsAsync(context, new HostCsvRows(header), rows, importer, audit, progress, cancellationToken);
        if (!CsvImportStream.IsAsked(context.Request))
        {
            return TypedResults.Ok(await RunAsync(null));
        }

        CsvImportStream.PrepareHeaders(context.Response);
        return TypedResults.Stream(
            body => CsvImportStream.WriteAsync(body, json.Value.SerializerOptions, rows.Count - 1, RunAsync, logger, cancellationToken), CsvImportStream.ContentType);
    }

    /// <summary>Checks the data lines (telling <paramref name="progress"/> every <see cref="CsvImportStream.CheckChunk"/>
    /// lines), imports them, audits the import.</summary>
    private static async Task<CsvResult> ImportRowsAsync(
        HttpContext context, HostCsvRows checker, List<List<string>> rows, HostImporter importer, IAuditLog audit, HostImportProgress? progress,
        CancellationToken cancellationToken)
    {
        var total = rows.Count - 1;
        var lines = new List<HostImportRow>(Math.Max(0, total));
        for (var from = 1; from < rows.Count; from += CsvImportStream.CheckChunk)
        {
            checker.AddRange(rows, from, Math.Min(from + CsvImportStream.CheckChunk, rows.Count), lines);
            if (progress is not null)
            {
                await progress(HostImportPhase.Checking, lines.Count, total, cancellationToken);
            }
        }

        var report = await importer.ImportAsync(lines, progress, cancellationToken);
        var result = CsvResult.From(report);
        await audit.AppendAsync(context, AuditEventTypes.HostsImported, null, null,
            new { result.Added, result.Updated, result.Unchanged, result.Rejected, addedNames = report.Names(HostImportOutcome.Added), updatedNames = report.Names(HostImportOutcome.Updated) },
            cancellationToken);
        return result;
    }

    /// <summary>JSON (the shape of <c>GET /api/hosts?all=1</c>) or, with <c>?format=csv</c>, the import columns.</summary>
    private static async Task<Results<Ok<List<HostDto>>, ContentHttpResult>> ExportAsync(string? format, HostService inventory, CancellationToken cancellationToken)
    {
        var hosts = await inventory.ListAllAsync(cancellationToken);
        if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(hosts.Select(HostDto.From).ToList());
        }

        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var h in hosts)
        {
            string[] cells =
            [
                h.Name, h.Address, h.Port.ToString(CultureInfo.InvariantCulture), h.UserName, h.Description ?? "",
                string.Join(';', HostTags.ParseGroups(h.Groups)), string.Join(';', HostTags.ParseLabels(h.Labels).Select(kv => $"{kv.Key}={kv.Value}")),
                h.Charset, h.Enabled ? "true" : "false", h.HostKeyFingerprint ?? "",
            ];
            csv.AppendJoin(',', cells.Select(Csv.Escape)).Append('\n');
        }

        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8");
    }
}

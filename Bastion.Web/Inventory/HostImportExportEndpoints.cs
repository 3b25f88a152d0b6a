using System.Globalization;
using System.Text;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Inventory.Import;
using Bastion.Core.Storage;
using Bastion.Web.Admin;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

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

    private const string TooLarge = "at most 200,000 lines (32 million characters) per import; split a larger file into several imports";

    public static void MapHostImportExportEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/hosts").RequireAuthorization(Roles.Admin).WithTags(HostEndpoints.Tag);
        group.MapPost("/import/known-hosts", ImportKnownHostsAsync).WithName("ImportKnownHosts");
        group.MapPost("/import/csv", ImportCsvAsync).WithName("ImportHostsCsv");
        group.MapGet("/export", ExportAsync).WithName("ExportHosts");
    }

    /// <summary>A host without a pin gets the imported key pinned; a host pinned to a different key gets it as
    /// pending for review (never a silent re-pin).</summary>
    private static async Task<Results<Ok<KnownHostsResult>, ValidationProblem>> ImportKnownHostsAsync(
        ImportRequest request, HttpContext context, BastionDbContext db, PendingHostKeys pendingKeys, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 1_000_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["paste known_hosts or ssh-keyscan output (up to 1 MB)"] });
        }

        var entries = KnownHostsParser.Parse(request.Text);
        var hosts = await db.Hosts.ToListAsync(cancellationToken);
        int pinned = 0, pending = 0, unchanged = 0;
        var unmatched = new List<string>();
        foreach (var entry in entries)
        {
            var matching = hosts.Where(h => string.Equals(h.Address, entry.Address, StringComparison.OrdinalIgnoreCase) && h.Port == entry.Port).ToList();
            if (matching.Count == 0)
            {
                unmatched.Add(entry.Port == 22 ? entry.Address : $"[{entry.Address}]:{entry.Port}");
            }

            foreach (var host in matching)
            {
                switch (await pendingKeys.ImportAsync(host, entry.Fingerprint, entry.KeyType, cancellationToken))
                {
                    case KnownKeyOutcome.Unchanged:
                        unchanged++;
                        break;
                    case KnownKeyOutcome.Pending:
                        pending++;
                        break;
                    case KnownKeyOutcome.Pinned:
                        await audit.AppendAsync(context, AuditEventTypes.HostKeyApproved, host.Id, new { fingerprint = (string?)null },
                            new { fingerprint = entry.Fingerprint, keyType = entry.KeyType, source = "known_hosts import" }, cancellationToken);
                        pinned++;
                        break;
                }
            }
        }

        return TypedResults.Ok(new KnownHostsResult(pinned, pending, unchanged, [.. unmatched.Distinct()]));
    }

    /// <summary>Adds the hosts whose names are new and updates those that exist, in bulk (<see cref="HostImporter"/>);
    /// answers line by line. One audit event for the whole import.</summary>
    private static async Task<Results<Ok<CsvResult>, ValidationProblem>> ImportCsvAsync(
        ImportRequest request, HttpContext context, HostImporter importer, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["paste a CSV with the header " + CsvHeader] });
        }

        if (request.Text.Length > MaxCsvChars)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [TooLarge] });
        }

        var rows = Csv.Parse(request.Text);
        if (rows.Count - 1 > MaxCsvLines)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [TooLarge] });
        }

        var header = rows.FirstOrDefault()?.Select(c => c.Trim()).ToList() ?? [];
        if (!header.Contains("name") || !header.Contains("address") || !header.Contains("username"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["the first line must be a header with at least name,address,username"] });
        }

        var report = await importer.ImportAsync(HostCsvRows.From(header, rows), cancellationToken);
        var result = CsvResult.From(report);
        await audit.AppendAsync(context, AuditEventTypes.HostsImported, null, null,
            new { result.Added, result.Updated, result.Unchanged, result.Rejected, addedNames = report.Names(HostImportOutcome.Added), updatedNames = report.Names(HostImportOutcome.Updated) },
            cancellationToken);
        return TypedResults.Ok(result);
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

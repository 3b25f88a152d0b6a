using System.Globalization;
using System.Text;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
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

    public sealed record CsvResult(int Created, List<string> Errors);

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

    private static async Task<Results<Ok<CsvResult>, ValidationProblem>> ImportCsvAsync(
        ImportRequest request, HttpContext context, HostService hostService, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 1_000_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["paste a CSV with the header " + CsvHeader] });
        }

        var rows = Csv.Parse(request.Text);
        var header = rows.FirstOrDefault()?.Select(c => c.Trim()).ToList() ?? [];
        if (!header.Contains("name") || !header.Contains("address") || !header.Contains("username"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["the first line must be a header with at least name,address,username"] });
        }

        var errors = new List<string>();
        var created = 0;
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            string? Cell(string column) => header.IndexOf(column) is var index and >= 0 && index < row.Count && row[index].Trim().Length > 0 ? row[index].Trim() : null;

            var port = int.TryParse(Cell("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
            var hostRequest = new CreateHostRequest(
                Cell("name"), Cell("address"), port ?? 22, Cell("username"), null, null, null, Cell("hostKeyFingerprint"),
                Cell("description"),
                Cell("labels")?.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(kv => kv.Length == 2)
                    .GroupBy(kv => kv[0].Trim()).ToDictionary(g => g.Key, g => g.Last()[1].Trim()),
                Cell("groups")?.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList(),
                Cell("enabled") is { } enabled ? !enabled.Equals("false", StringComparison.OrdinalIgnoreCase) : null,
                Cell("charset"));
            var fieldErrors = hostRequest.Validate(isUpdate: true); // CSV carries no secrets; set them afterwards
            if (fieldErrors.Count > 0)
            {
                errors.Add($"line {i + 1}: " + string.Join("; ", fieldErrors.Select(e => $"{e.Key}: {e.Value[0]}")));
                continue;
            }

            var result = await hostService.CreateAsync(hostRequest.ToChanges(), cancellationToken);
            if (result.Value is not { } host)
            {
                errors.Add($"line {i + 1}: {result.Message ?? string.Join("; ", result.FieldErrors.Select(e => $"{e.Key}: {e.Value[0]}"))}");
                continue;
            }

            await audit.AppendAsync(context, AuditEventTypes.HostCreated, host.Id, null, HostDto.From(host), cancellationToken);
            created++;
        }

        return TypedResults.Ok(new CsvResult(created, errors));
    }

    /// <summary>JSON (the shape of <c>GET /api/hosts?all=1</c>) or, with <c>?format=csv</c>, the import columns.</summary>
    private static async Task<Results<Ok<List<HostDto>>, ContentHttpResult>> ExportAsync(string? format, BastionDbContext db, CancellationToken cancellationToken)
    {
        var hosts = await db.Hosts.Include(h => h.Credential).OrderBy(h => h.Name).ToListAsync(cancellationToken);
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

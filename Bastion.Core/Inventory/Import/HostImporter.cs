using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Inventory.Import;

/// <summary>
/// Adds or updates many hosts at once (the CSV import), matching lines to hosts by name. The database work is bulk:
/// the existing names are read once, then each batch of <see cref="BatchSize"/> lines costs one read of the hosts it
/// updates and one write (<see cref="BulkHostWriter"/>), all in one transaction; nothing is tracked. The cost
/// therefore grows linearly with the number of lines, with few round trips.
/// An update changes the columns a file carries (address, port, login, description, groups, labels, charset, and
/// enabled when given); it never touches credentials, gateways, limits, or a pin to a different key.
/// </summary>
internal sealed class HostImporter(BastionDbContext db, TimeProvider time)
{
    /// <summary>Lines per save: large enough that round trips are few, small enough that a batch stays cheap to track.</summary>
    public const int BatchSize = 1000;

    public Task<HostImportReport> ImportAsync(IReadOnlyList<HostImportRow> rows, CancellationToken cancellationToken) =>
        ImportAsync(rows, null, cancellationToken);

    /// <summary>Imports <paramref name="rows"/> in one transaction, telling <paramref name="progress"/> after each batch
    /// is written (the last report comes before the commit).</summary>
    public async Task<HostImportReport> ImportAsync(IReadOnlyList<HostImportRow> rows, HostImportProgress? progress, CancellationToken cancellationToken)
    {
        var existing = await db.Hosts.AsNoTracking().Select(h => new { h.Id, h.Name }).ToDictionaryAsync(h => h.Name, h => h.Id, StringComparer.Ordinal, cancellationToken);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = new HostImportLine[rows.Count];

        var writer = new BulkHostWriter(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var start = 0; start < rows.Count; start += BatchSize)
        {
            var end = Math.Min(start + BatchSize, rows.Count);
            var updateIds = new List<Guid>();
            for (var i = start; i < end; i++)
            {
                if (rows[i] is { Changes: not null } row && existing.TryGetValue(row.Name, out var id) && !firstLine.ContainsKey(row.Name))
                {
                    updateIds.Add(id);
                }
            }

            var toUpdate = updateIds.Count == 0
                ? new Dictionary<Guid, Host>()
                : await db.Hosts.AsNoTracking().Where(h => updateIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, cancellationToken);
            var added = new List<Host>();
            var updated = new List<Host>();
            for (var i = start; i < end; i++)
            {
                lines[i] = Apply(rows[i], existing, firstLine, toUpdate, added, updated);
            }

            await writer.WriteAsync(added, updated, cancellationToken);
            if (progress is not null)
            {
                await progress(HostImportPhase.Writing, end, rows.Count, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new HostImportReport(lines);
    }

    private HostImportLine Apply(HostImportRow row, Dictionary<string, Guid> existing, Dictionary<string, int> firstLine, Dictionary<Guid, Host> toUpdate, List<Host> added, List<Host> updated)
    {
        HostImportLine Rejected(HostImportProblem problem) => new(row.Line, row.Name, HostImportOutcome.Rejected, [problem]);

        if (row.Changes is not { } changes)
        {
            return new HostImportLine(row.Line, row.Name, HostImportOutcome.Rejected,
                row.Problems is { Count: > 0 } problems ? problems : [HostImportProblem.Of(HostImportCodes.InvalidCell, "invalid line", ("column", ""))]);
        }

        if (firstLine.TryGetValue(row.Name, out var earlier))
        {
            var line = earlier.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Rejected(HostImportProblem.Of(HostImportCodes.NameRepeated, $"the name '{row.Name}' is already on line {line}", ("name", row.Name), ("line", line)));
        }

        firstLine[row.Name] = row.Line;
        if (!existing.TryGetValue(row.Name, out var id))
        {
            var host = new Host { Id = Guid.NewGuid(), Name = row.Name, Address = "", UserName = "", CreatedAt = time.GetUtcNow() };
            CopyFields(host, changes, row.Enabled ?? true);
            host.HostKeyFingerprint = changes.HostKeyFingerprint;
            added.Add(host);
            existing[row.Name] = host.Id;
            return new HostImportLine(row.Line, row.Name, HostImportOutcome.Added, null);
        }

        if (!toUpdate.TryGetValue(id, out var current))
        {
            return Rejected(HostImportProblem.Of(HostImportCodes.HostDeleted, $"the host '{row.Name}' was deleted during the import", ("name", row.Name)));
        }

        if (changes.HostKeyFingerprint is { } pin && current.HostKeyFingerprint is { } pinned && pin != pinned)
        {
            return Rejected(HostImportProblem.Of(HostImportCodes.PinnedToOtherKey,
                $"the host is pinned to another key ({pinned}); change its pin on the host's form after checking the key", ("pinned", pinned)));
        }

        var before = Snapshot(current);
        CopyFields(current, changes, row.Enabled ?? current.Enabled);
        if (changes.HostKeyFingerprint is { } newPin && current.HostKeyFingerprint is null)
        {
            current.HostKeyFingerprint = newPin;
            current.HostKeyType = null;
        }

        if (before == Snapshot(current))
        {
            return new HostImportLine(row.Line, row.Name, HostImportOutcome.Unchanged, null);
        }

        updated.Add(current);
        return new HostImportLine(row.Line, row.Name, HostImportOutcome.Updated, null);
    }

    private static void CopyFields(Host host, HostChanges changes, bool enabled)
    {
        host.Address = changes.Address.Trim();
        host.Port = changes.Port;
        host.UserName = changes.UserName.Trim();
        host.Description = string.IsNullOrWhiteSpace(changes.Description) ? null : changes.Description.Trim();
        host.Labels = HostTags.FormatLabels(changes.Labels);
        host.Groups = HostTags.FormatGroups(changes.Groups);
        host.Enabled = enabled;
        host.Charset = string.IsNullOrWhiteSpace(changes.Charset) ? "utf-8" : changes.Charset.Trim().ToLowerInvariant();
    }

    private static (string, int, string, string?, string, string, bool, string, string?) Snapshot(Host h) =>
        (h.Address, h.Port, h.UserName, h.Description, h.Labels, h.Groups, h.Enabled, h.Charset, h.HostKeyFingerprint);
}

using Bastion.Core.Inventory;
using Bastion.Core.Inventory.Import;
using Bastion.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Inventory;

/// <summary>The bulk host import on a real SQLite file: outcomes per line, and database round trips that grow
/// linearly with the number of lines (counted, not timed).</summary>
public sealed class HostImporterTests : IDisposable
{
    private readonly InventoryDatabase _database = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CancellationTokenSource _timeout = TestTimeouts.CreateTokenSource(TimeSpan.FromMinutes(3)); // thousands of rows on a loaded machine

    public void Dispose()
    {
        _timeout.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Import_AddsNewNames_UpdatesExistingOnes_AndRejectsWithAReason()
    {
        _database.AddHost("old-1");
        _database.AddHost("old-2");
        var pinned = _database.AddHost("pinned");
        await using (var db = _database.NewContext())
        {
            await db.Hosts.Where(h => h.Id == pinned.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.HostKeyFingerprint, "SHA256:one"), _timeout.Token);
        }

        var report = await ImportAsync(
        [
            Row(2, "new-1"),
            Row(3, "old-1", address: "10.9.9.9"),
            Row(4, "old-2", address: "10.0.0.1"),
            new HostImportRow(5, "bad", null, null, [HostImportProblem.Of(HostImportCodes.InvalidAddress, "address: a host name or IP address is required", ("column", "address"))]),
            Row(6, "new-1"),
            Row(7, "pinned", pin: "SHA256:two"),
        ]);

        Assert.Equal(
            [
                (2, HostImportOutcome.Added), (3, HostImportOutcome.Updated), (4, HostImportOutcome.Unchanged), (5, HostImportOutcome.Rejected),
                (6, HostImportOutcome.Rejected), (7, HostImportOutcome.Rejected),
            ],
            report.Lines.Select(l => (l.Line, l.Outcome)));
        Assert.Equal((HostImportCodes.InvalidAddress, "address: a host name or IP address is required"), (report.Lines[3].Problems![0].Code, report.Lines[3].Reason));
        Assert.Equal("the name 'new-1' is already on line 2", report.Lines[4].Reason);
        Assert.Equal((HostImportCodes.NameRepeated, "2"), (report.Lines[4].Problems![0].Code, report.Lines[4].Problems![0].Args["line"]));
        Assert.Contains("pinned to another key", report.Lines[5].Reason, StringComparison.Ordinal);
        Assert.Equal((HostImportCodes.PinnedToOtherKey, "SHA256:one"), (report.Lines[5].Problems![0].Code, report.Lines[5].Problems![0].Args["pinned"]));
        await using var check = _database.NewContext();
        Assert.Equal("10.9.9.9", (await check.Hosts.SingleAsync(h => h.Name == "old-1", _timeout.Token)).Address);
        Assert.Equal("SHA256:one", (await check.Hosts.SingleAsync(h => h.Name == "pinned", _timeout.Token)).HostKeyFingerprint);
        Assert.Equal(4, await check.Hosts.CountAsync(_timeout.Token));
        var again = await ImportAsync([Row(2, "new-1", address: "10.8.8.8")]); // a host the bulk insert wrote is found by id
        Assert.Equal(HostImportOutcome.Updated, Assert.Single(again.Lines).Outcome);
        await using var last = _database.NewContext();
        var added = await last.Hosts.SingleAsync(h => h.Name == "new-1", _timeout.Token);
        Assert.Equal(("10.8.8.8", _time.GetUtcNow()), (added.Address, added.CreatedAt));
    }

    [Fact]
    public async Task Import_RoundTrips_GrowLinearly_AndAreFarFewerThanTheLines()
    {
        const int n = 1500;
        var small = await CountCommandsAsync("a", n);
        var large = await CountCommandsAsync("b", 2 * n);

        Assert.True(small <= n / 100, $"{small} (vs {large}) database commands for {n} lines: that is a query per line");
        Assert.True(large <= 2 * small + 2, $"{small} commands for {n} lines but {large} for {2 * n}: not linear");
    }

    [Fact]
    public async Task Import_TellsItsProgress_AfterEachBatch_BeforeTheCommit()
    {
        var rows = Enumerable.Range(0, 2 * HostImporter.BatchSize + 500).Select(i => Row(i + 2, $"p-{i}")).ToList();
        var told = new List<(HostImportPhase, int, int, int)>();
        await using var db = _database.NewContext();

        await new HostImporter(db, _time).ImportAsync(rows, async (phase, done, total, token) =>
        {
            // What another connection sees at that moment: nothing yet, the import is one transaction.
            await using var other = _database.NewContext();
            told.Add((phase, done, total, await other.Hosts.CountAsync(token)));
        }, _timeout.Token);

        Assert.Equal([(HostImportPhase.Writing, 1000, 2500, 0), (HostImportPhase.Writing, 2000, 2500, 0), (HostImportPhase.Writing, 2500, 2500, 0)], told);
        await using var check = _database.NewContext();
        Assert.Equal(2500, await check.Hosts.CountAsync(_timeout.Token));
    }

    /// <summary>Imports <paramref name="count"/> lines, half of them updating hosts already there.</summary>
    private async Task<int> CountCommandsAsync(string prefix, int count)
    {
        await using (var seed = _database.NewContext())
        {
            for (var i = 0; i < count / 2; i++)
            {
                seed.Hosts.Add(new Host { Id = Guid.NewGuid(), Name = $"{prefix}-{i}", Address = "10.0.0.1", UserName = "deploy" });
            }

            await seed.SaveChangesAsync(_timeout.Token);
        }

        var counter = new CommandCounter();
        var report = await ImportAsync([.. Enumerable.Range(0, count).Select(i => Row(i + 2, $"{prefix}-{i}", address: "10.0.0.2"))], counter);

        Assert.Equal((count / 2, count - count / 2), (report.Count(HostImportOutcome.Updated), report.Count(HostImportOutcome.Added)));
        return counter.Count;
    }

    private async Task<HostImportReport> ImportAsync(IReadOnlyList<HostImportRow> rows, CommandCounter? counter = null)
    {
        await using var db = counter is null ? _database.NewContext() : _database.NewContext(counter);
        return await new HostImporter(db, _time).ImportAsync(rows, _timeout.Token);
    }

    private static HostImportRow Row(int line, string name, string address = "10.0.0.1", string? pin = null) =>
        new(line, name, new HostChanges { Name = name, Address = address, UserName = "deploy", HostKeyFingerprint = pin }, null, null);
}

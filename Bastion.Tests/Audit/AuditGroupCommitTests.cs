using System.Data.Common;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Bastion.Tests.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Audit;

/// <summary>
/// Group commit of the audit chain (issue 12) on a real SQLite file: appends that arrive while one is being written
/// are written together in one transaction, in arrival order, and the chain stays whole; a batch that fails is
/// written again one event at a time, so only the bad event's caller hears the failure.
/// </summary>
public sealed class AuditGroupCommitTests : IDisposable
{
    private readonly InventoryDatabase _database = new();
    private readonly CommitGate _gate = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AppendsThatArriveDuringAWrite_AreCommittedTogether_InArrivalOrder_AndTheChainIsWhole()
    {
        using var services = Services();
        using var log = new SqliteAuditLog(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);

        _gate.HoldFirstCommit();
        var first = log.AppendAsync(Event("first"), CancellationToken.None); // its commit is held
        await _gate.FirstCommitReached.WithTimeout();
        var rest = Enumerable.Range(0, 200).Select(i => log.AppendAsync(Event($"e{i}"), CancellationToken.None)).ToList();
        _gate.Release();
        await Task.WhenAll([first, .. rest]).WithTimeout();

        Assert.Equal(2, _gate.Commits); // the held one, then the 200 that waited for it, together
        var records = await ReadChainAsync();
        Assert.Equal(["first", .. Enumerable.Range(0, 200).Select(i => $"e{i}")], records.Select(r => r.Actor));
    }

    [Fact]
    public async Task ABatchThatFails_IsWrittenAgainOneByOne_AndOnlyTheBadEventsCallerHearsTheFailure()
    {
        using var services = Services();
        using var log = new SqliteAuditLog(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);

        _gate.HoldFirstCommit();
        var first = log.AppendAsync(Event("first"), CancellationToken.None);
        await _gate.FirstCommitReached.WithTimeout();
        var before = log.AppendAsync(Event("before"), CancellationToken.None);
        var bad = log.AppendAsync(Event(CommitGate.Refused), CancellationToken.None);
        var after = log.AppendAsync(Event("after"), CancellationToken.None);
        _gate.Release();

        await Task.WhenAll(first, before, after).WithTimeout();
        await Assert.ThrowsAsync<DbUpdateException>(() => bad.WithTimeout());
        var records = await ReadChainAsync();
        Assert.Equal(["first", "before", "after"], records.Select(r => r.Actor));
    }

    private static AuditEvent Event(string actor) => new() { Type = AuditEventTypes.TicketIssued, Actor = actor };

    private ServiceProvider Services() =>
        new ServiceCollection().AddScoped(_ => _database.NewContext(_gate)).BuildServiceProvider();

    /// <summary>Every record in sequence order, after checking each links to the one before and hashes right.</summary>
    private async Task<List<AuditRecord>> ReadChainAsync()
    {
        await using var db = _database.NewContext();
        var records = await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync();
        var previous = AuditCanonical.GenesisHash;
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(i + 1, records[i].Sequence);
            Assert.Equal(previous, records[i].PrevHash);
            Assert.Equal(AuditCanonical.ComputeHash(records[i]), records[i].Hash);
            previous = records[i].Hash;
        }

        return records;
    }

    /// <summary>Counts commits, can hold the first one until released, and refuses to save an event whose actor is
    /// <see cref="Refused"/> (as a constraint would).</summary>
    private sealed class CommitGate : DbTransactionInterceptor, ISaveChangesInterceptor
    {
        public const string Refused = "refused";

        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _commits;
        private int _hold;

        public int Commits => Volatile.Read(ref _commits);

        public Task FirstCommitReached => _reached.Task;

        public void HoldFirstCommit() => Volatile.Write(ref _hold, 1);

        public void Release() => _released.TrySetResult();

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _hold, 0) == 1)
            {
                _reached.TrySetResult();
                await _released.Task;
            }

            return result;
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _commits);
            return Task.CompletedTask;
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var refused = eventData.Context!.ChangeTracker.Entries<AuditRecord>().Any(e => e.State == EntityState.Added && e.Entity.Actor == Refused);
            return refused
                ? ValueTask.FromException<InterceptionResult<int>>(new DbUpdateException("refused by the test"))
                : ValueTask.FromResult(result);
        }
    }
}

using Bastion.Core.Inventory;
using Bastion.Testing;
using Bastion.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Inventory;

public sealed class PendingHostKeysTests : IDisposable
{
    private const string OldKey = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private const string NewKey = "SHA256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA";

    private readonly InventoryDatabase _database = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Record_ADifferentKeyWithoutAType_DropsTheOldKeysType()
    {
        var host = _database.AddHost("db-1");
        await RecordAsync(host.Id, OldKey, "ssh-rsa");

        await RecordAsync(host.Id, NewKey, keyType: null);

        var pending = await SingleAsync();
        Assert.Equal(NewKey, pending.Fingerprint);
        Assert.Null(pending.KeyType);
    }

    [Fact]
    public async Task Record_TheSameKeyWithoutAType_KeepsItsType()
    {
        var host = _database.AddHost("db-1");
        await RecordAsync(host.Id, OldKey, "ssh-ed25519");

        await RecordAsync(host.Id, OldKey, keyType: null);

        Assert.Equal("ssh-ed25519", (await SingleAsync()).KeyType);
    }

    [Fact]
    public async Task Record_KeepsOnePendingKeyPerHost_TheLatest()
    {
        var host = _database.AddHost("db-1");
        await RecordAsync(host.Id, OldKey, "ssh-rsa", PendingHostKeys.FromScan);
        _time.Advance(TimeSpan.FromMinutes(5));

        await RecordAsync(host.Id, NewKey, "ssh-ed25519", PendingHostKeys.FromConnect);

        var pending = await SingleAsync();
        Assert.Equal((NewKey, "ssh-ed25519", PendingHostKeys.FromConnect, _time.GetUtcNow()), (pending.Fingerprint, pending.KeyType, pending.Source, pending.SeenAt));
    }

    [Fact]
    public async Task Record_ForAnUnknownHost_StoresNothing()
    {
        Assert.Null(await RecordAsync(Guid.NewGuid(), OldKey, "ssh-rsa"));

        await using var db = _database.NewContext();
        Assert.Empty(await db.PendingHostKeys.ToListAsync());
    }

    [Fact]
    public async Task Approve_PinsThePendingKeyWithItsType_AndReturnsTheOldPin()
    {
        var host = _database.AddHost("db-1");
        await RecordAsync(host.Id, NewKey, "ssh-ed25519");

        var result = await ApproveAsync(host.Id, NewKey);

        Assert.Equal(ChangeStatus.Done, result.Status);
        Assert.Equal(((string?)null, (string?)null), (result.Value!.PreviousFingerprint, result.Value.PreviousKeyType));
        await using var db = _database.NewContext();
        var stored = await db.Hosts.SingleAsync(h => h.Id == host.Id);
        Assert.Equal((NewKey, "ssh-ed25519"), (stored.HostKeyFingerprint, stored.HostKeyType));
        Assert.Empty(await db.PendingHostKeys.ToListAsync());
    }

    [Fact]
    public async Task Approve_AKeyOtherThanThePendingOne_IsAConflict_AndPinsNothing()
    {
        var host = _database.AddHost("db-1");
        await RecordAsync(host.Id, NewKey, "ssh-ed25519");

        var result = await ApproveAsync(host.Id, OldKey);

        Assert.Equal((ChangeStatus.Conflict, $"the pending key is now {NewKey}, not {OldKey}; review it again"), (result.Status, result.Message));
        await using var db = _database.NewContext();
        Assert.Null((await db.Hosts.SingleAsync(h => h.Id == host.Id)).HostKeyFingerprint);
    }

    [Fact]
    public async Task Approve_WithoutAPendingKey_OrHost_IsNotFound()
    {
        var host = _database.AddHost("db-1");

        Assert.Equal("no pending key for this host; scan it first", (await ApproveAsync(host.Id, null)).Message);
        Assert.Equal("host not found", (await ApproveAsync(Guid.NewGuid(), null)).Message);
    }

    [Fact]
    public async Task Import_PinsAnUnpinnedHost_ButOnlyRecordsAKeyThatDiffersFromThePin()
    {
        var host = _database.AddHost("db-1");
        await using var db = _database.NewContext();
        var keys = new PendingHostKeys(db, _time);
        var tracked = await db.Hosts.SingleAsync(h => h.Id == host.Id);

        Assert.Equal(KnownKeyOutcome.Pinned, await keys.ImportAsync(tracked, OldKey, "ssh-rsa", CancellationToken.None).WithTimeout());
        Assert.Equal(KnownKeyOutcome.Unchanged, await keys.ImportAsync(tracked, OldKey, "ssh-rsa", CancellationToken.None).WithTimeout());
        Assert.Equal(KnownKeyOutcome.Pending, await keys.ImportAsync(tracked, NewKey, "ssh-ed25519", CancellationToken.None).WithTimeout());

        await using var check = _database.NewContext();
        var stored = await check.Hosts.SingleAsync(h => h.Id == host.Id);
        Assert.Equal((OldKey, "ssh-rsa"), (stored.HostKeyFingerprint, stored.HostKeyType));
        var pending = await SingleAsync();
        Assert.Equal((NewKey, PendingHostKeys.FromImport), (pending.Fingerprint, pending.Source));
    }

    private async Task<ChangeResult<HostKeyApproval>> ApproveAsync(Guid hostId, string? reviewed)
    {
        await using var db = _database.NewContext();
        using var timeout = TestTimeouts.CreateTokenSource();
        return await new PendingHostKeys(db, _time).ApproveAsync(hostId, reviewed, timeout.Token);
    }

    private async Task<PendingHostKey?> RecordAsync(Guid hostId, string fingerprint, string? keyType, string source = PendingHostKeys.FromScan)
    {
        await using var db = _database.NewContext();
        using var timeout = TestTimeouts.CreateTokenSource();
        return await new PendingHostKeys(db, _time).RecordAsync(hostId, fingerprint, keyType, source, timeout.Token);
    }

    private async Task<PendingHostKey> SingleAsync()
    {
        await using var db = _database.NewContext();
        return Assert.Single(await db.PendingHostKeys.ToListAsync());
    }
}

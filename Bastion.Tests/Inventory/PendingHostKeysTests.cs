using Bastion.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Inventory;

public sealed class PendingHostKeysTests : IDisposable
{
    private const string OldKey = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private const string NewKey = "SHA256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

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

    private async Task<PendingHostKey?> RecordAsync(Guid hostId, string fingerprint, string? keyType, string source = PendingHostKeys.FromScan)
    {
        await using var db = _database.NewContext();
        using var timeout = Infrastructure.TestTimeouts.CreateTokenSource();
        return await new PendingHostKeys(db, _time).RecordAsync(hostId, fingerprint, keyType, source, timeout.Token);
    }

    private async Task<PendingHostKey> SingleAsync()
    {
        await using var db = _database.NewContext();
        return Assert.Single(await db.PendingHostKeys.ToListAsync());
    }
}

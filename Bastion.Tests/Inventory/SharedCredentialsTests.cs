using Bastion.Core.Inventory;
using Bastion.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Inventory;

/// <summary>Shared credentials and the vault on a real SQLite file, with a fake <see cref="ISecretProtector"/>.</summary>
public sealed class SharedCredentialsTests : IDisposable
{
    private readonly InventoryDatabase _database = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CancellationTokenSource _timeout = TestTimeouts.CreateTokenSource();

    public void Dispose()
    {
        _timeout.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Rotate_ReplacesTheSecrets_AndAHostUsingItConnectsWithTheNewOnes()
    {
        var id = (await CreateAsync("fleet", new CredentialSecrets("old-pw", null, null))).Value!.Id;
        var host = _database.AddHost("db-1");
        await using (var db = _database.NewContext())
        {
            (await db.Hosts.SingleAsync(h => h.Id == host.Id, _timeout.Token)).CredentialId = id;
            await db.SaveChangesAsync(_timeout.Token);
        }

        _time.Advance(TimeSpan.FromHours(1));
        await using (var db = _database.NewContext())
        {
            var credentials = Service(db);
            var result = await credentials.RotateAsync((await credentials.FindAsync(id, _timeout.Token))!, " fleet-2 ", new CredentialSecrets("new-pw", null, null), _timeout.Token);
            Assert.Equal(ChangeStatus.Done, result.Status);
        }

        await using (var db = _database.NewContext())
        {
            var stored = await db.Hosts.Include(h => h.Credential).SingleAsync(h => h.Id == host.Id, _timeout.Token);
            Assert.Equal(("fleet-2", _time.GetUtcNow()), (stored.Credential!.Name, stored.Credential.UpdatedAt));
            var target = new CredentialVault(_protector, _time).ToTarget(stored);
            Assert.Equal(("new-pw", (string?)null), (target.Password, target.PrivateKey));
        }
    }

    [Fact]
    public async Task Create_ATakenName_IsAConflict()
    {
        await CreateAsync("fleet", new CredentialSecrets("pw", null, null));

        var result = await CreateAsync(" fleet ", new CredentialSecrets("pw", null, null));

        Assert.Equal((ChangeStatus.Conflict, "a credential named 'fleet' already exists"), (result.Status, result.Message));
    }

    [Fact]
    public async Task Delete_WhileAHostUsesIt_IsAConflict_ThenWorksOnceFree()
    {
        var id = (await CreateAsync("fleet", new CredentialSecrets("pw", null, null))).Value!.Id;
        var host = _database.AddHost("db-1");
        await using var db = _database.NewContext();
        var stored = await db.Hosts.SingleAsync(h => h.Id == host.Id, _timeout.Token);
        stored.CredentialId = id;
        await db.SaveChangesAsync(_timeout.Token);

        var inUse = await Service(db).DeleteAsync(id, _timeout.Token);
        stored.CredentialId = null;
        await db.SaveChangesAsync(_timeout.Token);
        var free = await Service(db).DeleteAsync(id, _timeout.Token);

        Assert.Equal((ChangeStatus.Conflict, "hosts still use this credential"), (inUse.Status, inUse.Message));
        Assert.Equal(ChangeStatus.Done, free.Status);
        Assert.Equal(ChangeStatus.NotFound, (await Service(db).DeleteAsync(id, _timeout.Token)).Status);
    }

    [Fact]
    public async Task List_CountsTheHostsUsingEachCredential()
    {
        var used = (await CreateAsync("b-used", new CredentialSecrets("pw", null, null))).Value!.Id;
        await CreateAsync("a-free", new CredentialSecrets(null, "key", "phrase"));
        var host = _database.AddHost("db-1");
        await using var db = _database.NewContext();
        (await db.Hosts.SingleAsync(h => h.Id == host.Id, _timeout.Token)).CredentialId = used;
        await db.SaveChangesAsync(_timeout.Token);

        var list = await Service(db).ListAsync(_timeout.Token);

        Assert.Equal([("a-free", 0), ("b-used", 1)], list.Select(r => (r.Credential.Name!, r.HostCount)));
        Assert.Equal("fake-protected:phrase", list[0].Credential.ProtectedPassphrase);
    }

    private SharedCredentials Service(Core.Storage.BastionDbContext db) => new(db, new CredentialVault(_protector, _time));

    private async Task<ChangeResult<Credential>> CreateAsync(string name, CredentialSecrets secrets)
    {
        await using var db = _database.NewContext();
        return await Service(db).CreateAsync(name, secrets, _timeout.Token);
    }
}

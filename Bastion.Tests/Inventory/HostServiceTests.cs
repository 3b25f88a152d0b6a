using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Bastion.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Host = Bastion.Core.Inventory.Host;

namespace Bastion.Tests.Inventory;

/// <summary>The gateway one-hop rule and the own-vs-shared credential lifecycle, on a real SQLite file.</summary>
public sealed class HostServiceTests : IDisposable
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
    public async Task Create_WithOwnSecrets_StoresThemProtected_AsAnUnnamedCredential()
    {
        var result = await CreateAsync(Changes("db-1") with { Password = "pw-1" });

        Assert.Equal(ChangeStatus.Done, result.Status);
        var stored = await LoadAsync(result.Value!.Id);
        Assert.Null(stored.Credential!.Name);
        Assert.Equal("fake-protected:pw-1", stored.Credential.ProtectedPassword);
    }

    [Fact]
    public async Task Create_WithATakenName_IsAConflict_AndStoresNothing()
    {
        await CreateAsync(Changes("db-1") with { Password = "pw" });

        var result = await CreateAsync(Changes(" db-1 ") with { Password = "pw" });

        Assert.Equal((ChangeStatus.Conflict, "a host named 'db-1' already exists"), (result.Status, result.Message));
        await using var db = _database.NewContext();
        Assert.Equal(1, await db.Hosts.CountAsync());
        Assert.Equal(1, await db.Credentials.CountAsync());
    }

    [Fact]
    public async Task Update_WithNewSecrets_ReplacesTheOwnCredentialInPlace()
    {
        var id = (await CreateAsync(Changes("db-1") with { Password = "old" })).Value!.Id;
        var ownId = (await LoadAsync(id)).CredentialId;

        await UpdateAsync(id, Changes("db-1") with { Password = "new" });

        var stored = await LoadAsync(id);
        Assert.Equal(ownId, stored.CredentialId);
        Assert.Equal("fake-protected:new", stored.Credential!.ProtectedPassword);
    }

    [Fact]
    public async Task Update_WithoutSecrets_KeepsTheCredential_WithoutReencrypting()
    {
        var id = (await CreateAsync(Changes("db-1") with { Password = "pw" })).Value!.Id;
        var protectedBefore = _protector.Protected;

        var result = await UpdateAsync(id, Changes("db-1") with { Description = "renamed only" });

        Assert.Equal(ChangeStatus.Done, result.Status);
        Assert.Equal(protectedBefore, _protector.Protected);
        Assert.Equal("fake-protected:pw", (await LoadAsync(id)).Credential!.ProtectedPassword);
    }

    [Fact]
    public async Task Update_ToASharedCredential_DeletesTheHostsOwn_AndDeletingTheHostKeepsTheShared()
    {
        var shared = await AddSharedCredentialAsync("fleet");
        var id = (await CreateAsync(Changes("db-1") with { Password = "pw" })).Value!.Id;
        var ownId = (await LoadAsync(id)).CredentialId!.Value;

        await UpdateAsync(id, Changes("db-1") with { CredentialId = shared });

        await using (var db = _database.NewContext())
        {
            Assert.False(await db.Credentials.AnyAsync(c => c.Id == ownId));
            Assert.Equal(shared, (await db.Hosts.SingleAsync(h => h.Id == id)).CredentialId);
        }

        await DeleteAsync(id);

        await using (var db = _database.NewContext())
        {
            Assert.True(await db.Credentials.AnyAsync(c => c.Id == shared));
        }
    }

    [Fact]
    public async Task Delete_RemovesTheHostsOwnCredential()
    {
        var id = (await CreateAsync(Changes("db-1") with { Password = "pw" })).Value!.Id;

        Assert.Equal(ChangeStatus.Done, (await DeleteAsync(id)).Status);

        await using var db = _database.NewContext();
        Assert.Empty(await db.Credentials.ToListAsync());
    }

    [Fact]
    public async Task UnknownSharedCredential_IsAFieldError()
    {
        var result = await CreateAsync(Changes("db-1") with { CredentialId = Guid.NewGuid() });

        Assert.Equal(ChangeStatus.Invalid, result.Status);
        Assert.Equal(["unknown credential"], result.FieldErrors["credentialId"]);
    }

    [Fact]
    public async Task Gateway_OneHop_IsAccepted()
    {
        var gateway = _database.AddHost("jump");

        var result = await CreateAsync(Changes("db-1") with { Password = "pw", GatewayHostId = gateway.Id });

        Assert.Equal(ChangeStatus.Done, result.Status);
        Assert.Equal(gateway.Id, (await LoadAsync(result.Value!.Id)).GatewayHostId);
    }

    [Fact]
    public async Task Gateway_ThatHasAGatewayItself_IsAFieldError()
    {
        var outer = _database.AddHost("outer");
        var inner = _database.AddHost("inner", gatewayHostId: outer.Id);

        var result = await CreateAsync(Changes("db-1") with { Password = "pw", GatewayHostId = inner.Id });

        AssertGatewayRefused(result);
    }

    [Fact]
    public async Task Gateway_OfAHostThatIsAGateway_IsAFieldError()
    {
        var jump = _database.AddHost("jump");
        _database.AddHost("behind", gatewayHostId: jump.Id);
        var other = _database.AddHost("other");

        AssertGatewayRefused(await UpdateAsync(jump.Id, Changes("jump") with { GatewayHostId = other.Id }));
    }

    [Fact]
    public async Task Gateway_ItselfOrUnknown_IsAFieldError()
    {
        var host = _database.AddHost("db-1");

        AssertGatewayRefused(await UpdateAsync(host.Id, Changes("db-1") with { GatewayHostId = host.Id }));
        AssertGatewayRefused(await UpdateAsync(host.Id, Changes("db-1") with { GatewayHostId = Guid.NewGuid() }));
    }

    [Fact]
    public async Task Delete_AGateway_IsAConflict()
    {
        var jump = _database.AddHost("jump");
        _database.AddHost("behind", gatewayHostId: jump.Id);

        var result = await DeleteAsync(jump.Id);

        Assert.Equal((ChangeStatus.Conflict, "'jump' is the gateway of other hosts; change them first"), (result.Status, result.Message));
    }

    [Fact]
    public async Task NewPin_DropsTheOldKeysType_AndNoPinKeepsTheCurrentOne()
    {
        var host = _database.AddHost("db-1");
        await using (var db = _database.NewContext())
        {
            var stored = await db.Hosts.SingleAsync(h => h.Id == host.Id);
            (stored.HostKeyFingerprint, stored.HostKeyType) = ("SHA256:old", "ssh-rsa");
            await db.SaveChangesAsync();
        }

        await UpdateAsync(host.Id, Changes("db-1"));
        Assert.Equal(("SHA256:old", "ssh-rsa"), await PinAsync(host.Id));

        await UpdateAsync(host.Id, Changes("db-1") with { HostKeyFingerprint = "SHA256:new" });
        Assert.Equal(("SHA256:new", (string?)null), await PinAsync(host.Id));
    }

    private static HostChanges Changes(string name) => new() { Name = name, Address = "10.0.0.7", UserName = "deploy" };

    private static void AssertGatewayRefused(ChangeResult<Host> result)
    {
        Assert.Equal(ChangeStatus.Invalid, result.Status);
        Assert.Equal([HostService.GatewayError.Text], result.FieldErrors["gatewayHostId"]);
    }

    private HostService Service(BastionDbContext db) => new(db, new CredentialVault(_protector, _time), _time);

    private async Task<ChangeResult<Host>> CreateAsync(HostChanges changes)
    {
        await using var db = _database.NewContext();
        return await Service(db).CreateAsync(changes, _timeout.Token);
    }

    private async Task<ChangeResult<Host>> UpdateAsync(Guid id, HostChanges changes)
    {
        await using var db = _database.NewContext();
        var service = Service(db);
        return await service.UpdateAsync((await service.FindAsync(id, _timeout.Token))!, changes, _timeout.Token);
    }

    private async Task<ChangeResult<Host>> DeleteAsync(Guid id)
    {
        await using var db = _database.NewContext();
        var service = Service(db);
        return await service.DeleteAsync((await service.FindAsync(id, _timeout.Token))!, _timeout.Token);
    }

    private async Task<Guid> AddSharedCredentialAsync(string name)
    {
        await using var db = _database.NewContext();
        var credential = new CredentialVault(_protector, _time).Create("shared-pw", null, null, name);
        db.Credentials.Add(credential);
        await db.SaveChangesAsync(_timeout.Token);
        return credential.Id;
    }

    private async Task<Host> LoadAsync(Guid id)
    {
        await using var db = _database.NewContext();
        return await db.Hosts.Include(h => h.Credential).SingleAsync(h => h.Id == id, _timeout.Token);
    }

    private async Task<(string?, string?)> PinAsync(Guid id)
    {
        var host = await LoadAsync(id);
        return (host.HostKeyFingerprint, host.HostKeyType);
    }
}

using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Bastion.Core.Validation;
using Bastion.Testing;
using Bastion.Tests.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Access;

/// <summary>The stored passkeys' rules (names, ownership, use) and the lookup of an enabled user by name, on a real
/// SQLite file: what the passkey and invitation endpoints call.</summary>
public sealed class PasskeysTests : IDisposable
{
    private readonly InventoryDatabase _database = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CancellationTokenSource _timeout = TestTimeouts.CreateTokenSource();

    public void Dispose()
    {
        _timeout.Dispose();
        _database.Dispose();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("bad\u0007name", null)]
    [InlineData("  laptop key ", "laptop key")]
    public void ValidName_TrimsAndRefusesEmptyOrControlCharacters(string? name, string? expected) =>
        Assert.Equal(expected, Passkeys.ValidName(name));

    [Fact]
    public void ValidName_AllowsAtMost64Characters()
    {
        Assert.NotNull(Passkeys.ValidName(new string('k', 64)));
        Assert.Null(Passkeys.ValidName(new string('k', 65)));
    }

    [Fact]
    public async Task Rename_OwnPasskey_TrimsAndReportsTheFormerName_AnotherUsersIsNotFound()
    {
        var (alice, bob, key) = await AliceWithAPasskeyAndBobAsync("old");
        await using var db = _database.NewContext();
        var passkeys = new Passkeys(db, _time);
        Assert.Equal(ChangeStatus.NotFound, (await passkeys.RenameAsync(bob.Id, key.Id, "mine now", _timeout.Token)).Status);
        var invalid = await passkeys.RenameAsync(alice.Id, key.Id, " ", _timeout.Token);
        Assert.Equal(FieldCodes.NameLength, invalid.FieldErrors.Messages["name"].Code);

        var renamed = await passkeys.RenameAsync(alice.Id, key.Id, "  new  ", _timeout.Token);

        Assert.Equal(ChangeStatus.Done, renamed.Status);
        Assert.Equal(("old", "new"), (renamed.Value!.Before, renamed.Value.Passkey.Name));
    }

    [Fact]
    public async Task Remove_OnlyTheOwnersPasskey_AndItsCredentialIsThenUnused()
    {
        var (alice, bob, key) = await AliceWithAPasskeyAndBobAsync("key");
        await using var db = _database.NewContext();
        var passkeys = new Passkeys(db, _time);
        Assert.False(await passkeys.IsUnusedAsync(key.CredentialId, _timeout.Token));
        Assert.Null(await passkeys.RemoveAsync(bob.Id, key.Id, _timeout.Token));
        Assert.Equal([key.CredentialId], await passkeys.CredentialIdsAsync(alice.Id, _timeout.Token));

        Assert.Equal(key.Id, (await passkeys.RemoveAsync(alice.Id, key.Id, _timeout.Token))?.Id);
        Assert.True(await passkeys.IsUnusedAsync(key.CredentialId, _timeout.Token));
        Assert.Empty(await passkeys.CredentialIdsAsync(alice.Id, _timeout.Token));
    }

    [Fact]
    public async Task RecordUse_StoresTheCounterAndTheTime_ForTheOwnersCredentialOnly()
    {
        var (alice, bob, key) = await AliceWithAPasskeyAndBobAsync("key");
        await using (var db = _database.NewContext())
        {
            var passkeys = new Passkeys(db, _time);
            Assert.Null(await passkeys.FindByCredentialAsync(bob.Id, key.CredentialId, _timeout.Token));
            await passkeys.RecordUseAsync((await passkeys.FindByCredentialAsync(alice.Id, key.CredentialId, _timeout.Token))!, 7, _timeout.Token);
        }

        await using var check = _database.NewContext();
        var stored = await check.Passkeys.FindAsync([key.Id], _timeout.Token);
        Assert.Equal((7u, _time.GetUtcNow()), (stored!.SignCount, stored.LastUsedAt));
    }

    [Fact]
    public async Task FindEnabledByName_NormalisesTheName_AndSkipsADisabledUser()
    {
        var alice = await AddUserAsync("alice");
        var carol = await AddUserAsync("carol");
        await using (var db = _database.NewContext())
        {
            var accounts = new UserAccounts(db, new FakePasswordHasher(), _time);
            await accounts.UpdateAsync((await accounts.FindAsync(carol.Id, _timeout.Token))!, new UserChanges(null, null, true), null, _timeout.Token);
        }

        await using var lookup = _database.NewContext();
        var users = new UserAccounts(lookup, new FakePasswordHasher(), _time);
        Assert.Equal(alice.Id, (await users.FindEnabledByNameAsync("  Alice ", _timeout.Token))?.Id);
        Assert.Null(await users.FindEnabledByNameAsync("carol", _timeout.Token));
        Assert.Null(await users.FindEnabledByNameAsync("nobody", _timeout.Token));
    }

    private async Task<User> AddUserAsync(string name)
    {
        await using var db = _database.NewContext();
        var created = await new UserAccounts(db, new FakePasswordHasher(), _time).CreateAsync(new NewUser(name, "twelve-chars-at-least", null, null), _timeout.Token);
        return created.Value!;
    }

    private async Task<(User Alice, User Bob, Passkey AlicesKey)> AliceWithAPasskeyAndBobAsync(string keyName)
    {
        var (alice, bob) = (await AddUserAsync("alice"), await AddUserAsync("bob"));
        return (alice, bob, await AddPasskeyAsync(alice.Id, keyName));
    }

    private async Task<Passkey> AddPasskeyAsync(Guid userId, string name)
    {
        var passkey = new Passkey { Id = Guid.NewGuid(), UserId = userId, Name = name, CredentialId = Guid.NewGuid().ToByteArray(), PublicKey = [1, 2, 3], CreatedAt = _time.GetUtcNow() };
        await using var db = _database.NewContext();
        await new Passkeys(db, _time).AddAsync(passkey, _timeout.Token);
        return passkey;
    }
}

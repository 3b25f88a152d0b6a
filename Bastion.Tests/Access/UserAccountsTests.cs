using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Bastion.Testing;
using Bastion.Tests.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Access;

/// <summary>Name and password policy, roles and groups, and the self-lockout rule, on a real SQLite file.</summary>
public sealed class UserAccountsTests : IDisposable
{
    private const string Password = "twelve-chars-at-least";

    private readonly InventoryDatabase _database = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CancellationTokenSource _timeout = TestTimeouts.CreateTokenSource();

    public void Dispose()
    {
        _timeout.Dispose();
        _database.Dispose();
    }

    [Theory]
    [InlineData(null, "1 to 64 letters, digits, '.', '-' or '_'")]
    [InlineData("   ", "1 to 64 letters, digits, '.', '-' or '_'")]
    [InlineData("bob smith", "1 to 64 letters, digits, '.', '-' or '_'")]
    [InlineData("bob@example", "1 to 64 letters, digits, '.', '-' or '_'")]
    public async Task Create_WithABadName_IsAFieldError(string? name, string message)
    {
        var result = await CreateAsync(new NewUser(name, Password, null, null));

        Assert.Equal(ChangeStatus.Invalid, result.Status);
        Assert.Equal([message], result.FieldErrors["username"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("eleven-char")]
    public async Task Create_WithAShortPassword_IsAFieldError(string? password)
    {
        var result = await CreateAsync(new NewUser("alice", password, null, null));

        Assert.Equal(["a password of 12 to 1024 characters is required"], result.FieldErrors["password"]);
    }

    [Fact]
    public void PasswordPolicy_AcceptsTwelveTo1024Characters()
    {
        Assert.Null(PasswordPolicy.Error(new string('x', 12)));
        Assert.Null(PasswordPolicy.Error(new string('x', 1024)));
        Assert.NotNull(PasswordPolicy.Error(new string('x', 1025)));
    }

    [Fact]
    public async Task Create_WithUnknownRolesAndBadGroups_ReportsEveryField()
    {
        var result = await CreateAsync(new NewUser("", "short", ["root"], ["bad group"]));

        Assert.Equal(["groups", "password", "roles", "username"], result.FieldErrors.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["roles are admin, operator, auditor"], result.FieldErrors["roles"]);
        Assert.Equal([UserAccounts.GroupError.Text], result.FieldErrors["groups"]);
    }

    [Fact]
    public async Task Create_StoresTheNameLowerCase_AndTheHashNotThePassword()
    {
        var result = await CreateAsync(new NewUser("  Alice ", Password, ["operator", "operator"], ["dba", " eu "]));

        var user = result.Value!;
        await using var db = _database.NewContext();
        var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
        Assert.Equal(("alice", "operator", "dba,eu"), (stored.UserName, stored.Roles, stored.Groups));
        Assert.Equal($"hashed:{user.Id}:{Password}", stored.PasswordHash);
    }

    [Fact]
    public async Task Create_ATakenName_IsAConflict()
    {
        await CreateAsync(new NewUser("alice", Password, null, null));

        var result = await CreateAsync(new NewUser("ALICE", Password, null, null));

        Assert.Equal((ChangeStatus.Conflict, "a user named 'alice' already exists"), (result.Status, result.Message));
    }

    [Fact]
    public async Task Update_OfOneself_CannotDisableOrDropAdmin()
    {
        var admin = (await CreateAsync(new NewUser("root", Password, [Roles.Admin], null))).Value!;

        var disable = await UpdateAsync(admin.Id, new UserChanges(null, null, Disabled: true), actorId: admin.Id);
        var demote = await UpdateAsync(admin.Id, new UserChanges([Roles.Operator], null, null), actorId: admin.Id);
        var otherAdmin = await UpdateAsync(admin.Id, new UserChanges(null, null, Disabled: true), actorId: Guid.NewGuid());

        Assert.Equal([UserAccounts.SelfLockoutError.Text], disable.FieldErrors["roles"]);
        Assert.Equal([UserAccounts.SelfLockoutError.Text], demote.FieldErrors["roles"]);
        Assert.Equal(ChangeStatus.Done, otherAdmin.Status);
        Assert.True(otherAdmin.Value!.Disabled);
    }

    [Fact]
    public async Task Update_LeavesNullFieldsAsTheyAre()
    {
        var user = (await CreateAsync(new NewUser("alice", Password, [Roles.Operator], ["dba"]))).Value!;

        await UpdateAsync(user.Id, new UserChanges(null, ["web"], null), actorId: null);

        await using var db = _database.NewContext();
        var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
        Assert.Equal((Roles.Operator, "web", false), (stored.Roles, stored.Groups, stored.Disabled));
    }

    [Fact]
    public async Task SetPassword_ChecksThePolicyFirst_ThenTheUser()
    {
        await using var db = _database.NewContext();
        var accounts = Accounts(db);

        Assert.Equal(ChangeStatus.Invalid, (await accounts.SetPasswordAsync(Guid.NewGuid(), "short", _timeout.Token)).Status);
        Assert.Equal((ChangeStatus.NotFound, "user not found"), await StatusAsync(accounts.SetPasswordAsync(Guid.NewGuid(), Password, _timeout.Token)));
    }

    private static async Task<(ChangeStatus, string?)> StatusAsync(Task<ChangeResult<User>> change)
    {
        var result = await change;
        return (result.Status, result.Message);
    }

    private UserAccounts Accounts(Core.Storage.BastionDbContext db) => new(db, new FakePasswordHasher(), _time);

    private async Task<ChangeResult<User>> CreateAsync(NewUser user)
    {
        await using var db = _database.NewContext();
        return await Accounts(db).CreateAsync(user, _timeout.Token);
    }

    private async Task<ChangeResult<User>> UpdateAsync(Guid id, UserChanges changes, Guid? actorId)
    {
        await using var db = _database.NewContext();
        var accounts = Accounts(db);
        return await accounts.UpdateAsync((await accounts.FindAsync(id, _timeout.Token))!, changes, actorId, _timeout.Token);
    }
}

using Bastion.Core.Access;
using Bastion.Core.Validation;
using Bastion.Tests.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Access;

/// <summary>The single sign-on rules on a real SQLite file: matched on issuer and subject, roles from the mapped
/// groups on every sign-in, refused outside them, created just in time without a password, never over a local user.</summary>
public sealed class ExternalSignInTests : IDisposable
{
    private const string Issuer = "https://idp.example.test";

    private static readonly ExternalSignInRules s_rules = new(true,
    [
        new ExternalGroupMapping("ops", [Roles.Operator], ["dbas"]),
        new ExternalGroupMapping("admins", [Roles.Admin], []),
    ]);

    private readonly InventoryDatabase _database = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CancellationTokenSource _timeout = TestTimeouts.CreateTokenSource();

    public void Dispose()
    {
        _timeout.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task FirstSignIn_CreatesTheUserWithMappedRolesAndGroups_AndNoPassword()
    {
        var result = await SignInAsync(new ExternalIdentity(Issuer, "sub-1", "Olga", ["ops", "unmapped"]));

        Assert.Equal(ExternalSignInOutcome.Created, result.Outcome);
        await using var db = _database.NewContext();
        var user = await db.Users.SingleAsync(u => u.Id == result.User!.Id);
        Assert.Equal(("olga", "operator", "dbas", "", Issuer, "sub-1"), (user.UserName, user.Roles, user.Groups, user.PasswordHash, user.ExternalIssuer, user.ExternalSubject));
    }

    [Fact]
    public async Task SecondSignIn_IsTheSameUser_WithRolesFromTheGroupsOfNow()
    {
        var first = await SignInAsync(new ExternalIdentity(Issuer, "sub-2", "dana", ["ops"]));
        var second = await SignInAsync(new ExternalIdentity(Issuer, "sub-2", "dana-renamed", ["admins"]));

        Assert.Equal(ExternalSignInOutcome.SignedIn, second.Outcome);
        Assert.Equal(first.User!.Id, second.User!.Id);
        await using var db = _database.NewContext();
        var user = await db.Users.SingleAsync(u => u.Id == first.User.Id);
        Assert.Equal(("dana", "admin", ""), (user.UserName, user.Roles, user.Groups));
    }

    [Fact]
    public async Task AUserInNoMappedGroup_IsRefused_AndNotCreated()
    {
        var result = await SignInAsync(new ExternalIdentity(Issuer, "sub-3", "mallory", ["marketing"]));

        Assert.Equal((ExternalSignInOutcome.NotPermitted, ReplyMessages.SsoNotPermitted), (result.Outcome, result.Message));
        await using var db = _database.NewContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "mallory"));
    }

    [Fact]
    public async Task ALocalUserOfTheSameName_IsNeverTakenOver()
    {
        await using (var db = _database.NewContext())
        {
            db.Users.Add(new User { Id = Guid.NewGuid(), UserName = "admin", PasswordHash = "local", Roles = Roles.Admin });
            await db.SaveChangesAsync(_timeout.Token);
        }

        var result = await SignInAsync(new ExternalIdentity(Issuer, "sub-4", "Admin", ["admins"]));

        Assert.Equal(ExternalSignInOutcome.NameTaken, result.Outcome);
    }

    [Fact]
    public async Task WithoutJustInTimeCreation_AnUnknownUserIsRefused()
    {
        var result = await SignInAsync(new ExternalIdentity(Issuer, "sub-5", "newbie", ["ops"]), s_rules with { CreateUsers = false });

        Assert.Equal(ExternalSignInOutcome.NoAccount, result.Outcome);
    }

    [Fact]
    public async Task TheSameSubjectAtAnotherIssuer_IsAnotherAccount()
    {
        await SignInAsync(new ExternalIdentity(Issuer, "sub-6", "eve", ["ops"]));

        var result = await SignInAsync(new ExternalIdentity("https://other.example.test", "sub-6", "eve", ["ops"]));

        Assert.Equal(ExternalSignInOutcome.NameTaken, result.Outcome);
    }

    [Fact]
    public async Task AUserCreatedBySingleSignOn_CannotSignInWithAPassword()
    {
        var created = await SignInAsync(new ExternalIdentity(Issuer, "sub-7", "frank", ["ops"]));
        Assert.Equal(ExternalSignInOutcome.Created, created.Outcome);

        await using var db = _database.NewContext();
        var users = new Bastion.Web.Auth.UserDirectory(db);
        Assert.Null(await users.VerifyPasswordAsync("frank", "", _timeout.Token).WithTimeout());
        Assert.Null(await users.VerifyPasswordAsync("frank", "any password at all", _timeout.Token).WithTimeout());
    }

    private async Task<ExternalSignInResult> SignInAsync(ExternalIdentity identity, ExternalSignInRules? rules = null)
    {
        await using var db = _database.NewContext();
        return await new ExternalSignIn(db, _time).SignInAsync(identity, rules ?? s_rules, _timeout.Token).WithTimeout();
    }
}

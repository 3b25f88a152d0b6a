using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Bastion.Testing;
using Bastion.Tests.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Access;

/// <summary>Grant creation rules on a real SQLite file (evaluation is <c>AccessPolicy</c>'s, tested in GrantTests).</summary>
public sealed class GrantServiceTests : IDisposable
{
    private readonly InventoryDatabase _database = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CancellationTokenSource _timeout = TestTimeouts.CreateTokenSource();

    public void Dispose()
    {
        _timeout.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Create_NeedsExactlyOneSubjectAndOneTarget()
    {
        var none = await CreateAsync(new NewGrant(null, null, null, null, null, null, null, null));
        var two = await CreateAsync(new NewGrant(Guid.NewGuid().ToString(), "dba", Guid.NewGuid().ToString(), "db", null, null, null, null));

        foreach (var result in new[] { none, two })
        {
            Assert.Equal(["give exactly one of a user or a user group"], result.FieldErrors["userId"]);
            Assert.Equal(["give exactly one of a host, a host group or a label selector"], result.FieldErrors["hostId"]);
        }
    }

    [Fact]
    public async Task Create_WithUnknownIdsOrBadNames_ReportsEachField()
    {
        var unknown = await CreateAsync(new NewGrant(Guid.NewGuid().ToString(), null, "not-a-guid", null, null, null, null, "  "));
        var badNames = await CreateAsync(new NewGrant(null, "bad group", null, null, "no-equals", _time.GetUtcNow(), _time.GetUtcNow(), null));

        Assert.Equal(["unknown user"], unknown.FieldErrors["userId"]);
        Assert.Equal(["unknown host"], unknown.FieldErrors["hostId"]);
        Assert.Equal(["a login of 1 to 64 characters, or leave it empty"], unknown.FieldErrors["login"]);
        Assert.Equal([UserAccounts.GroupError.Text], badNames.FieldErrors["userGroup"]);
        Assert.Equal(["use key=value[,key=value...]"], badNames.FieldErrors["labelSelector"]);
        Assert.Equal(["must be after not-before"], badNames.FieldErrors["notAfter"]);
    }

    [Fact]
    public async Task Create_ThenRevoke_StoresTrimmedValues_AndRemovesTheGrant()
    {
        var host = _database.AddHost("db-1");

        var created = await CreateAsync(new NewGrant(null, " dba ", host.Id.ToString(), null, null, null, null, " readonly "));

        Assert.Equal(("dba", host.Id, "readonly", _time.GetUtcNow()), (created.Value!.UserGroup, created.Value.HostId, created.Value.LoginOverride, created.Value.CreatedAt));
        await using var db = _database.NewContext();
        var grants = new GrantService(db, _time);
        Assert.Equal(ChangeStatus.Done, (await grants.RevokeAsync(created.Value.Id, _timeout.Token)).Status);
        Assert.Equal((ChangeStatus.NotFound, "grant not found"), await StatusAsync(grants.RevokeAsync(created.Value.Id, _timeout.Token)));
        Assert.Empty(await db.Grants.ToListAsync(_timeout.Token));
    }

    private static async Task<(ChangeStatus, string?)> StatusAsync(Task<ChangeResult<Grant>> change)
    {
        var result = await change;
        return (result.Status, result.Message);
    }

    private async Task<ChangeResult<Grant>> CreateAsync(NewGrant grant)
    {
        await using var db = _database.NewContext();
        return await new GrantService(db, _time).CreateAsync(grant, _timeout.Token);
    }
}

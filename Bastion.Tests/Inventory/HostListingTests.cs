using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Bastion.Testing;
using Microsoft.Extensions.Time.Testing;
using Host = Bastion.Core.Inventory.Host;

namespace Bastion.Tests.Inventory;

/// <summary>A page of hosts on a real SQLite file costs the same few database round trips however big the inventory
/// (issue 14: every list read every host, then filtered in memory); counted, not timed.</summary>
public sealed class HostListingTests : IDisposable
{
    private readonly InventoryDatabase _database = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CancellationTokenSource _timeout = TestTimeouts.CreateTokenSource(TimeSpan.FromMinutes(2));

    public void Dispose()
    {
        _timeout.Dispose();
        _database.Dispose();
    }

    [Theory]
    [InlineData(200)]
    [InlineData(2000)]
    public async Task AnOperatorsPage_TakesTwoRoundTrips_AndAnAdminsOne_WhateverTheInventorysSize(int count)
    {
        await AddHostsAsync(count);
        var user = new User { Id = Guid.NewGuid(), UserName = "oper", PasswordHash = "", Roles = Roles.Operator };
        var admin = new User { Id = Guid.NewGuid(), UserName = "boss", PasswordHash = "", Roles = Roles.Admin };
        await using (var db = _database.NewContext())
        {
            db.Users.AddRange(user, admin);
            db.Grants.Add(new Grant { Id = Guid.NewGuid(), UserId = user.Id, HostGroup = "odd", CreatedAt = _time.GetUtcNow() });
            db.Grants.Add(new Grant { Id = Guid.NewGuid(), UserId = user.Id, LabelSelector = "tier=gold,env=prod", CreatedAt = _time.GetUtcNow() });
            await db.SaveChangesAsync(_timeout.Token);
        }

        var (operatorPage, operatorTrips) = await PageAsync(user, new HostQuery { Text = "HOST-", Limit = 50 });
        var (adminPage, adminTrips) = await PageAsync(admin, new HostQuery { Limit = 50, IncludeDisabled = true }, inventory: true);

        // Odd hosts by the group, and host 0 by both labels (host 2 has one of them only).
        Assert.Equal((50, (count / 2) + 1, "host-00000"), (operatorPage.Hosts.Count, operatorPage.Total, operatorPage.Hosts[0].Name));
        Assert.Equal("host-00001", operatorPage.Hosts[1].Name);
        Assert.Equal((50, count), (adminPage.Hosts.Count, adminPage.Total));
        Assert.Equal((2, 1), (operatorTrips, adminTrips));
    }

    private async Task<(HostPage Page, int RoundTrips)> PageAsync(User user, HostQuery query, bool inventory = false)
    {
        var counter = new CommandCounter();
        await using var db = _database.NewContext(counter);
        var access = inventory ? null : await new AccessPolicy(db, _time).OpenableFilterAsync(user, _timeout.Token);
        var page = await new HostListing(db).ListAsync(query, access, _timeout.Token);
        return (page, counter.Count);
    }

    private async Task AddHostsAsync(int count)
    {
        await using var db = _database.NewContext();
        for (var i = 0; i < count; i++)
        {
            db.Hosts.Add(new Host
            {
                Id = Guid.NewGuid(),
                Name = $"host-{i:D5}",
                Address = "10.0.0.1",
                UserName = "deploy",
                Groups = i % 2 == 1 ? "odd" : "even",
                Labels = i switch { 0 => "env=prod\ntier=gold", 2 => "env=prod", _ => "" },
                CreatedAt = _time.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync(_timeout.Token);
    }
}

using Bastion.Core.Cluster;
using Bastion.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bastion.Tests.Cluster;

/// <summary><see cref="RedisBus"/> against a real redis-server of its own: tickets, the directory, leases, claims.</summary>
public sealed class RedisBusTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.StartAsync();

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task Ticket_IsTakenOnce_WhicheverNodeAsks()
    {
        using var x = Bus("x");
        using var y = Bus("y");
        Assert.True(await x.PutTicketAsync("k", "v", TimeSpan.FromSeconds(30)));
        Assert.Equal("v", await y.TakeTicketAsync("k"));
        Assert.Null(await y.TakeTicketAsync("k"));
        Assert.Null(await x.TakeTicketAsync("k"));
    }

    [Fact]
    public async Task Directory_FindsTheOwner_UntilItsLeaseExpires_ThenOneSurvivorClaimsIt()
    {
        using var x = Bus("x");
        using var y = Bus("y");
        using var z = Bus("z");
        y.SetNodeUrl("http://127.0.0.1:1");
        var entry = new LocalSessionEntry("s1", Guid.NewGuid(), Guid.NewGuid());
        Assert.True(await y.RenewAsync([entry]));

        var found = await x.FindRemoteAsync("s1");
        Assert.Equal(("y", "http://127.0.0.1:1", entry.UserId), (found?.NodeId, found?.NodeUrl, found?.UserId));
        Assert.Null(await y.FindRemoteAsync("s1")); // its own session is local, not remote
        Assert.Equal(1, await x.CountRemoteSessionsAsync(entry.UserId));
        Assert.Empty(await x.ClaimLostNodesAsync());

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the 1 s lease runs out without renewal
        Assert.Null(await x.FindRemoteAsync("s1"));
        Assert.Equal(0, await x.CountRemoteSessionsAsync(entry.UserId));
        var lost = Assert.Single(await x.ClaimLostNodesAsync());
        Assert.Equal(("y", "s1"), (lost.NodeId, Assert.Single(lost.SessionIds)));
        Assert.Empty(await z.ClaimLostNodesAsync());
        await x.ForgetNodeAsync(lost);
        Assert.Empty(await z.SessionsOfOtherNodesAsync() ?? throw new InvalidOperationException("unreachable"));
    }

    [Fact]
    public async Task SessionCap_IsReservedAtomically_AndARenewalThatMissedTheNewSessionKeepsItsPlace()
    {
        using var x = Bus("x");
        using var y = Bus("y");
        x.SetNodeUrl("http://127.0.0.1:1");
        Assert.True(await x.RenewAsync([]));
        var user = Guid.NewGuid();
        var host = Guid.NewGuid();

        Assert.Equal(new SlotReservation(true, 0), await x.ReserveSessionAsync(new LocalSessionEntry("r1", user, host), [], 1));
        Assert.Equal(new SlotReservation(false, 1), await y.ReserveSessionAsync(new LocalSessionEntry("r2", user, host), [], 1));

        // x's registry did not hold r1 yet when it renewed: one renewal leaves it listed, the next one drops it.
        Assert.True(await x.RenewAsync([]));
        Assert.Equal(new SlotReservation(false, 1), await y.ReserveSessionAsync(new LocalSessionEntry("r3", user, host), [], 1));
        Assert.True(await x.RenewAsync([]));
        Assert.Equal(new SlotReservation(true, 0), await y.ReserveSessionAsync(new LocalSessionEntry("r4", user, host), [], 1));
    }

    [Fact]
    public async Task Unreachable_AnswersNotShared_AndRecovers()
    {
        using var x = Bus("x");
        await _redis.StopAsync();
        Assert.False(await x.PutTicketAsync("k", "v", TimeSpan.FromSeconds(30)));
        Assert.Null(await x.TakeTicketAsync("k"));
        Assert.False(await x.RenewAsync([]));
        Assert.Null(await x.SessionsOfOtherNodesAsync());
        Assert.Null(await x.CountInWindowAsync("c", TimeSpan.FromMinutes(1)));

        await _redis.StartAsync();
        using var timeout = TestTimeouts.CreateTokenSource(TimeSpan.FromSeconds(30));
        while (!await x.RenewAsync([]))
        {
            await Task.Delay(200, timeout.Token);
        }

        Assert.Equal(1, await x.CountInWindowAsync("c", TimeSpan.FromMinutes(1)));
    }

    private RedisBus Bus(string node) => new(
        Options.Create(new BusOptions { Redis = _redis.Endpoint }),
        Options.Create(new ClusterOptions { NodeId = node, Lease = TimeSpan.FromSeconds(1) }),
        NullLogger<RedisBus>.Instance);
}

using System.Collections.Concurrent;
using Bastion.Core.Cluster;
using Bastion.Core.Sessions;
using Bastion.Core.Ssh;
using Bastion.Testing;
using Bastion.Web.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Cluster;

/// <summary>The clustered registry and ticket store against a hand-written bus: what stays local, what is shared.</summary>
public sealed class ClusterSessionRegistryTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task AddAndRemove_StayLocalForFind_AndReachTheDirectoryInOrder()
    {
        using var local = new InProcessSessionRegistry();
        var bus = new FakeClusterBus();
        using var registry = new ClusterSessionRegistry(local, bus);
        using var session = NewSession();

        registry.Add(session);
        Assert.Same(session, registry.Find(session.Id));
        Assert.Same(session, local.Find(session.Id));
        registry.Remove(session);
        Assert.Null(registry.Find(session.Id));

        await WaitAsync(() => bus.Writes.Count == 2);
        Assert.Equal(["+" + session.Id, "-" + session.Id], bus.Writes.ToArray());
    }

    [Fact]
    public async Task RequestRecheck_IsBroadcast_AndWakesThisNode()
    {
        using var local = new InProcessSessionRegistry();
        var bus = new FakeClusterBus();
        using var registry = new ClusterSessionRegistry(local, bus);

        registry.RequestRecheck();

        Assert.Equal(1, bus.Broadcasts);
        await registry.WaitForRecheckAsync(TimeSpan.FromHours(1), _time, CancellationToken.None).WithTimeout();
    }

    [Fact]
    public async Task Ticket_IssuedOnOneNode_IsRedeemedOnceOnAnother()
    {
        var shared = new ConcurrentDictionary<string, string>();
        var a = new TicketStore(_time, new FakeClusterBus(shared));
        var b = new TicketStore(_time, new FakeClusterBus(shared));
        var user = Guid.NewGuid();
        var host = Guid.NewGuid();
        var ticket = await a.IssueAsync(user, host);

        Assert.Equal(user, await b.RedeemAsync(ticket, host));
        Assert.Null(await b.RedeemAsync(ticket, host));
        Assert.Null(await a.RedeemAsync(ticket, host));
    }

    [Fact]
    public async Task Ticket_WhileTheBusIsUnreachable_IsKeptByTheIssuingNodeOnly()
    {
        var shared = new ConcurrentDictionary<string, string>();
        var a = new TicketStore(_time, new FakeClusterBus(shared) { Reachable = false });
        var b = new TicketStore(_time, new FakeClusterBus(shared));
        var host = Guid.NewGuid();
        var first = await a.IssueAsync(Guid.NewGuid(), host);
        var second = await a.IssueAsync(Guid.NewGuid(), host);

        Assert.Null(await b.RedeemAsync(first, host));
        Assert.NotNull(await a.RedeemAsync(second, host));
        Assert.Null(await a.RedeemAsync(second, host));
    }

    private static LiveSession NewSession() => new(new TerminalSessionRequest
    {
        SessionId = Guid.NewGuid().ToString("N"),
        UserName = "alice",
        UserId = Guid.NewGuid(),
        HostId = Guid.NewGuid(),
        Target = new SshTarget { HostName = "db-1", Address = "127.0.0.1", Port = 22, UserName = "app" },
        Charset = "utf-8",
        Cols = 80,
        Rows = 24,
        FlowControl = false,
    });

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}

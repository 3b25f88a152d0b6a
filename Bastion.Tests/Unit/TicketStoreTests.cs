using Bastion.Core.Cluster;
using Bastion.Web.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Unit;

public sealed class TicketStoreTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Ticket_RedeemsOnce_ForItsHost()
    {
        var store = new TicketStore(_time, new InProcessBus());
        var user = Guid.NewGuid();
        var host = Guid.NewGuid();
        var ticket = await store.IssueAsync(user, host);

        Assert.Equal(user, await store.RedeemAsync(ticket, host));
        Assert.Null(await store.RedeemAsync(ticket, host));
    }

    [Fact]
    public async Task Ticket_HasAtLeast128RandomBits_AndIsUrlSafe()
    {
        var store = new TicketStore(_time, new InProcessBus());
        var ticket = await store.IssueAsync(Guid.NewGuid(), Guid.NewGuid());
        Assert.True(ticket.Length >= 22, ticket);
        Assert.DoesNotContain(ticket, c => c is '+' or '/' or '=');
        Assert.NotEqual(ticket, await store.IssueAsync(Guid.NewGuid(), Guid.NewGuid()));
    }

    [Fact]
    public async Task Ticket_Expires()
    {
        var store = new TicketStore(_time, new InProcessBus());
        var host = Guid.NewGuid();
        var ticket = await store.IssueAsync(Guid.NewGuid(), host);

        _time.Advance(TicketStore.Lifetime);

        Assert.Null(await store.RedeemAsync(ticket, host));
    }

    [Fact]
    public async Task Ticket_ForAnotherHost_IsRefused_AndBurnt()
    {
        var store = new TicketStore(_time, new InProcessBus());
        var host = Guid.NewGuid();
        var ticket = await store.IssueAsync(Guid.NewGuid(), host);

        Assert.Null(await store.RedeemAsync(ticket, Guid.NewGuid()));
        Assert.Null(await store.RedeemAsync(ticket, host));
    }
}

using Bastion.Web.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Unit;

public sealed class TicketStoreTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Ticket_RedeemsOnce_ForItsHost()
    {
        var store = new TicketStore(_time);
        var user = Guid.NewGuid();
        var host = Guid.NewGuid();
        var ticket = store.Issue(user, host);

        Assert.Equal(user, store.Redeem(ticket, host));
        Assert.Null(store.Redeem(ticket, host));
    }

    [Fact]
    public void Ticket_HasAtLeast128RandomBits_AndIsUrlSafe()
    {
        var store = new TicketStore(_time);
        var ticket = store.Issue(Guid.NewGuid(), Guid.NewGuid());
        Assert.True(ticket.Length >= 22, ticket);
        Assert.DoesNotContain(ticket, c => c is '+' or '/' or '=');
        Assert.NotEqual(ticket, store.Issue(Guid.NewGuid(), Guid.NewGuid()));
    }

    [Fact]
    public void Ticket_Expires()
    {
        var store = new TicketStore(_time);
        var host = Guid.NewGuid();
        var ticket = store.Issue(Guid.NewGuid(), host);

        _time.Advance(TicketStore.Lifetime);

        Assert.Null(store.Redeem(ticket, host));
    }

    [Fact]
    public void Ticket_ForAnotherHost_IsRefused_AndBurnt()
    {
        var store = new TicketStore(_time);
        var host = Guid.NewGuid();
        var ticket = store.Issue(Guid.NewGuid(), host);

        Assert.Null(store.Redeem(ticket, Guid.NewGuid()));
        Assert.Null(store.Redeem(ticket, host));
    }
}

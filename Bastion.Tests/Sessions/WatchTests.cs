using Bastion.Core.Audit;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Sessions;

/// <summary>Admins and auditors watch a live session read-only; everyone sees who is attached. (A watcher that stops
/// reading: <see cref="SlowWatcherTests"/> and <c>Terminal/WatchQueueTests</c>.) Real sshd, Kestrel, WebSockets.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class WatchTests(BastionFixture bastion)
{
    private BastionServer Server => bastion.Server;

    private async Task<(TerminalClient Owner, string OwnerToken)> OwnerSessionAsync(string name)
    {
        var hostId = await bastion.AddHostAsync();
        var (userId, _, token) = await bastion.AddUserAsync(["operator"], name: BastionFixture.Unique(name));
        await bastion.GrantAsync(userId, hostId);
        var owner = await bastion.OpenTerminalAsync(hostId, token);
        await owner.SendInputAsync("echo up-$((2*21))\r");
        await owner.WaitForOutputAsync("up-42");
        return (owner, token);
    }

    private async Task<(int Status, string? Ticket)> WatchTicketAsync(string token, string sessionId)
    {
        var (status, json) = await Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { sessionId, mode = "watch" });
        return (status, status == 200 ? json.GetProperty("ticket").GetString() : null);
    }

    private Uri WatchUri(string sessionId, string ticket) =>
        Server.WebSocketUri($"/ws/sessions/{sessionId}?mode=watch&ticket={Uri.EscapeDataString(ticket)}");

    [Fact]
    public async Task Watcher_SeesOutputLive_CannotType_AndTheOwnerSeesThemInTheParticipantList()
    {
        var (owner, ownerToken) = await OwnerSessionAsync("watched");
        await using var _ = owner;
        var sessionId = owner.SessionId!;
        Assert.Equal(404, (await WatchTicketAsync(ownerToken, sessionId)).Status); // operators cannot watch

        var (_, ticket) = await WatchTicketAsync(bastion.AdminToken, sessionId);
        await using var watcher = await TerminalClient.ConnectAsync(WatchUri(sessionId, ticket!));

        await watcher.WaitForOutputAsync("up-42"); // the screen so far
        await owner.WaitForAsync(o => o.Others.Any(m => m.GetProperty("flag").GetString() == "participants"
            && m.GetProperty("participants").EnumerateArray().Any(p => p.GetProperty("user").GetString() == "admin" && p.GetProperty("mode").GetString() == "watch")),
            "the watcher in the owner's participant list");
        await owner.SendInputAsync("echo live-$((3*11))\r");
        await watcher.WaitForOutputAsync("live-33");

        await watcher.SendInputAsync("echo injected-$((50+5))\r");
        await watcher.WaitForErrorAsync();
        Assert.Equal("read_only", watcher.Errors[0].GetProperty("code").GetString());
        await owner.SendInputAsync("echo after-$((4*4))\r");
        await owner.WaitForOutputAsync("after-16");
        Assert.DoesNotContain("injected-55", owner.Output);
        Assert.Contains(watcher.Others, m => m.GetProperty("flag").GetString() == "size");
        var attached = await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionAttached && e.SessionId == sessionId, "session.attached");
        Assert.Equal("watch", attached.Data("mode"));
        Assert.Equal("admin", attached.Actor);
    }

    /// <summary>A ticket is bound to its mode: a watch ticket opens no controlling socket, even for the session's own
    /// owner (an admin, who may watch their own session), so it can never type or take the session over.</summary>
    [Fact]
    public async Task WatchTicket_UsedToAttachInControl_IsRefused_AndTheOwnerKeepsTheSession()
    {
        var hostId = await bastion.AddHostAsync();
        await using var owner = await bastion.OpenTerminalAsync(hostId, bastion.AdminToken);
        await owner.SendInputAsync("echo own-$((5*5))\r");
        await owner.WaitForOutputAsync("own-25");
        var (status, ticket) = await WatchTicketAsync(bastion.AdminToken, owner.SessionId!);
        Assert.Equal(200, status);

        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = TestTimeouts.CreateTokenSource();
        var control = Server.WebSocketUri($"/ws/sessions/{owner.SessionId}?mode=control&ticket={Uri.EscapeDataString(ticket!)}");
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => socket.ConnectAsync(control, timeout.Token));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        await owner.SendInputAsync("echo still-$((6*6))\r");
        await owner.WaitForOutputAsync("still-36");
        Assert.Empty(owner.Errors);
    }
}

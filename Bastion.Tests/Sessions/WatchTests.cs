using System.Net.WebSockets;
using System.Text;
using Bastion.Core.Audit;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Sessions;

/// <summary>Admins and auditors watch a live session read-only; everyone sees who is attached; a watcher that stops
/// reading never slows the owner (its bounded queue overflows into a resync). Real sshd, Kestrel, WebSockets.</summary>
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

    [Fact]
    public async Task WatcherThatNeverReads_DoesNotHoldTheOwnerUp_AndIsResynchronised()
    {
        var (owner, _) = await OwnerSessionAsync("flooder");
        await using var _ = owner;
        var sessionId = owner.SessionId!;
        var (_, ticket) = await WatchTicketAsync(bastion.AdminToken, sessionId);
        using var stalled = new ClientWebSocket();
        using (var connect = TestTimeouts.CreateTokenSource())
        {
            await stalled.ConnectAsync(WatchUri(sessionId, ticket!), connect.Token);
        }

        // About 12 MB of output: far more than socket buffers and the watcher's queue bound hold.
        await owner.SendInputAsync("seq 1 1500000; echo flood-$((1+1))-done\r");
        await owner.WaitForOutputAsync("flood-2-done", TimeSpan.FromSeconds(120));

        // Only now does the watcher read: somewhere in what it gets is the resync and a fresh screen.
        var buffer = new byte[1 << 20];
        using var reading = TestTimeouts.CreateTokenSource(TimeSpan.FromSeconds(60));
        var sawResync = false;
        while (!sawResync)
        {
            var result = await stalled.ReceiveAsync(buffer.AsMemory(), reading.Token);
            var length = result.Count;
            while (!result.EndOfMessage)
            {
                result = await stalled.ReceiveAsync(buffer.AsMemory(length), reading.Token);
                length += result.Count;
            }

            sawResync = Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 64)).Contains("\"resync\"", StringComparison.Ordinal);
        }

        Assert.True(sawResync);
        Assert.False(owner.Closed);
    }
}

using System.Net.WebSockets;

namespace Bastion.Tests.Sessions;

/// <summary>Invitations take effect on the socket (issue 9, "Watch and share"): an invited watcher sees the session and
/// cannot type; an invited helper types beside the owner without taking the session over; revoking drops the
/// invitee at once; anyone uninvited gets the unknown-session 404. Real sshd, real Kestrel, real WebSocket clients.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class InvitationAttachTests(BastionFixture bastion)
{
    private BastionServer Server => bastion.Server;

    private async Task<(TerminalClient Owner, string OwnerToken)> OwnerSessionAsync()
    {
        var hostId = await bastion.AddHostAsync();
        var (ownerId, _, token) = await bastion.AddUserAsync(["operator"]);
        await bastion.GrantAsync(ownerId, hostId);
        var owner = await bastion.OpenTerminalAsync(hostId, token);
        await owner.SendInputAsync("echo up-$((2*21))\r");
        await owner.WaitForOutputAsync("up-42");
        return (owner, token);
    }

    private async Task<string> InviteAsync(string ownerToken, string sessionId, string user, string mode)
    {
        var (status, created) = await Server.SendAsync(HttpMethod.Post, $"/api/sessions/{sessionId}/invitations", ownerToken, new { user, mode, minutes = 5 });
        Assert.True(status == 201, $"invite → {status}: {created}");
        return created.GetProperty("id").GetString()!;
    }

    private async Task<int> TicketStatusAsync(string token, string sessionId, string mode) =>
        (await Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { sessionId, mode })).Status;

    private async Task<TerminalClient> AttachAsync(string token, string sessionId, string mode)
    {
        var (status, json) = await Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { sessionId, mode });
        Assert.True(status == 200, $"ticket → {status}: {json}");
        var ticket = json.GetProperty("ticket").GetString()!;
        return await TerminalClient.ConnectAsync(Server.WebSocketUri($"/ws/sessions/{sessionId}?mode={mode}&ticket={Uri.EscapeDataString(ticket)}"));
    }

    [Fact]
    public async Task InvitedWatcher_SeesTheSession_CannotType_AndIsDroppedWhenRevoked()
    {
        var (owner, ownerToken) = await OwnerSessionAsync();
        await using var _ = owner;
        var sessionId = owner.SessionId!;
        var (_, bobName, bobToken) = await bastion.AddUserAsync(["operator"]);
        Assert.Equal(404, await TicketStatusAsync(bobToken, sessionId, "watch")); // not yet invited

        var invitationId = await InviteAsync(ownerToken, sessionId, bobName, "watch");
        Assert.Equal(404, await TicketStatusAsync(bobToken, sessionId, "control")); // a watch invitation never types
        await using var bob = await AttachAsync(bobToken, sessionId, "watch");
        await bob.WaitForOutputAsync("up-42");
        await owner.WaitForAsync(o => o.Others.Any(m => m.GetProperty("flag").GetString() == "participants"
            && m.GetProperty("participants").EnumerateArray().Any(p => p.GetProperty("user").GetString() == bobName)), "bob in the owner's participant list");

        await bob.SendInputAsync("echo injected-$((50+5))\r");
        await bob.WaitForErrorAsync();
        Assert.Equal("read_only", bob.Errors[0].GetProperty("code").GetString());

        var (revoked, _) = await Server.SendAsync(HttpMethod.Delete, $"/api/sessions/{sessionId}/invitations/{invitationId}", ownerToken);
        Assert.Equal(204, revoked);
        await bob.WaitForAsync(b => b.Closed, "bob dropped after the revoke");
        Assert.Contains(bob.Errors, e => e.GetProperty("code").GetString() == "invitation_ended");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, bob.CloseStatus);
        Assert.Equal(404, await TicketStatusAsync(bobToken, sessionId, "watch"));

        // The owner's session goes on untouched.
        await owner.SendInputAsync("echo still-$((3*3))\r");
        await owner.WaitForOutputAsync("still-9");
        Assert.DoesNotContain("injected-55", owner.Output);
    }

    [Fact]
    public async Task InvitedHelper_TypesBesideTheOwner_WithoutTakingTheSessionOver()
    {
        var (owner, ownerToken) = await OwnerSessionAsync();
        await using var _ = owner;
        var sessionId = owner.SessionId!;
        var (_, carolName, carolToken) = await bastion.AddUserAsync(["operator"]);
        await InviteAsync(ownerToken, sessionId, carolName, "control");

        await using var carol = await AttachAsync(carolToken, sessionId, "control");
        await carol.WaitForOutputAsync("up-42");
        await carol.SendInputAsync("echo helped-$((2+3))\r");
        await owner.WaitForOutputAsync("helped-5");
        await carol.WaitForOutputAsync("helped-5");
        await owner.WaitForAsync(o => o.Others.Any(m => m.GetProperty("flag").GetString() == "participants"
            && m.GetProperty("participants").EnumerateArray().Any(p => p.GetProperty("user").GetString() == carolName && p.GetProperty("mode").GetString() == "type")),
            "carol listed as typing");

        // The owner is still in control: their keystrokes work and nobody was told "taken over".
        await owner.SendInputAsync("echo owner-$((6*7))\r");
        await carol.WaitForOutputAsync("owner-42");
        Assert.Empty(owner.Errors);
        Assert.False(owner.Closed);
    }

    [Fact]
    public async Task UninvitedUser_GetsTheUnknownSession404_ForEveryMode()
    {
        var (owner, _) = await OwnerSessionAsync();
        await using var _ = owner;
        var (_, _, daveToken) = await bastion.AddUserAsync(["operator"]);

        Assert.Equal(404, await TicketStatusAsync(daveToken, owner.SessionId!, "watch"));
        Assert.Equal(404, await TicketStatusAsync(daveToken, owner.SessionId!, "control"));
        Assert.Equal(404, await TicketStatusAsync(daveToken, "0123456789abcdef0123456789abcdef", "watch"));
    }
}

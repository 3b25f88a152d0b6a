using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Sessions;

/// <summary><c>/api/sessions/{id}/invitations</c> against real Kestrel and a real sshd: the owner invites, lists and
/// revokes; strangers get the same 404 as for an unknown session; bad input is a field error; both are audited.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class InvitationApiTests(BastionFixture bastion)
{
    private BastionServer Server => bastion.Server;

    private async Task<(TerminalClient Terminal, string Token, string OwnerName)> OpenOwnSessionAsync()
    {
        var hostId = await bastion.AddHostAsync();
        var (ownerId, ownerName, token) = await bastion.AddUserAsync(["operator"]);
        await bastion.GrantAsync(ownerId, hostId);
        var terminal = await bastion.OpenTerminalAsync(hostId, token);
        await terminal.WaitForAsync(t => t.Ready, "ready");
        return (terminal, token, ownerName);
    }

    private static string Path(string sessionId) => $"/api/sessions/{sessionId}/invitations";

    [Fact]
    public async Task Owner_Invites_Lists_AndRevokes_EachAudited()
    {
        var (terminal, token, ownerName) = await OpenOwnSessionAsync();
        await using var _ = terminal;
        var sessionId = terminal.SessionId!;
        var (_, bobName, bobToken) = await bastion.AddUserAsync(["operator"]);

        var (status, created) = await Server.SendAsync(HttpMethod.Post, Path(sessionId), token, new { user = bobName.ToUpperInvariant(), mode = "control", minutes = 15 });
        Assert.True(status == 201, $"{status}: {created}");
        Assert.Equal(bobName, created.GetProperty("user").GetString());
        Assert.Equal("control", created.GetProperty("mode").GetString());
        Assert.InRange(created.GetProperty("expires_in").GetInt32(), 14 * 60, 15 * 60);
        var invitationId = created.GetProperty("id").GetString()!;

        var (listStatus, list) = await Server.SendAsync(HttpMethod.Get, Path(sessionId), token);
        Assert.Equal(200, listStatus);
        Assert.Equal([invitationId], list.EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        var invited = await Server.WaitForEventAsync(r => r.Type == AuditEventTypes.SessionInvited && r.SessionId == sessionId, "session.invited");
        Assert.Equal(ownerName, invited.Actor);
        Assert.Equal(ownerName, invited.Data("owner"));
        Assert.Equal(bobName, invited.Data("invitee"));
        Assert.Equal("control", invited.Data("mode"));
        Assert.Equal(created.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.Parse(invited.Data("expires"), System.Globalization.CultureInfo.InvariantCulture));

        var (_, mine) = await Server.SendAsync(HttpMethod.Get, "/api/invitations", bobToken);
        Assert.Equal([(sessionId, ownerName, "control")], mine.EnumerateArray().Select(i => (i.GetProperty("sessionId").GetString(), i.GetProperty("owner").GetString(), i.GetProperty("mode").GetString())));
        var (_, ownerSees) = await Server.SendAsync(HttpMethod.Get, "/api/invitations", token);
        Assert.Equal(0, ownerSees.GetArrayLength());

        var (revokeStatus, _) = await Server.SendAsync(HttpMethod.Delete, $"{Path(sessionId)}/{invitationId}", token);
        Assert.Equal(204, revokeStatus);
        var (_, after) = await Server.SendAsync(HttpMethod.Get, Path(sessionId), token);
        Assert.Equal(0, after.GetArrayLength());
        var revoked = await Server.WaitForEventAsync(r => r.Type == AuditEventTypes.SessionInvitationRevoked && r.SessionId == sessionId, "revoked");
        Assert.Equal(bobName, revoked.Data("invitee"));
        Assert.Equal("control", revoked.Data("mode"));

        var (again, _) = await Server.SendAsync(HttpMethod.Delete, $"{Path(sessionId)}/{invitationId}", token);
        Assert.Equal(404, again);
    }

    [Fact]
    public async Task TheApiAndTheAttachCheck_ShareOneStore_RevokeIsHeard()
    {
        var (terminal, token, _) = await OpenOwnSessionAsync();
        await using var _ = terminal;
        var sessionId = terminal.SessionId!;
        var (bobId, bobName, _) = await bastion.AddUserAsync(["operator"]);
        var store = Server.Services.GetRequiredService<SessionInvitations>();
        var heard = new TaskCompletionSource<(string, SessionInvitationEnd)>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The store is the deployment's: other tests' invitations end too.
        using var subscription = store.OnEnded((i, why) =>
        {
            if (i.SessionId == sessionId)
            {
                heard.TrySetResult((i.Id, why));
            }
        });

        var (_, created) = await Server.SendAsync(HttpMethod.Post, Path(sessionId), token, new { user = bobName, mode = "watch", minutes = 5 });
        var invitationId = created.GetProperty("id").GetString()!;
        var now = TimeProvider.System.GetUtcNow();
        Assert.True(store.Allows(sessionId, Guid.Parse(bobId), "watch", now));
        Assert.False(store.Allows(sessionId, Guid.Parse(bobId), "control", now));

        await Server.SendAsync(HttpMethod.Delete, $"{Path(sessionId)}/{invitationId}", token);

        Assert.Equal((invitationId, SessionInvitationEnd.Revoked), await heard.Task.WithTimeout());
        Assert.False(store.Allows(sessionId, Guid.Parse(bobId), "watch", TimeProvider.System.GetUtcNow()));
    }

    [Fact]
    public async Task Stranger_GetsTheSame404_AsAnUnknownSession_AdminManages()
    {
        var (terminal, token, _) = await OpenOwnSessionAsync();
        await using var _ = terminal;
        var sessionId = terminal.SessionId!;
        var (_, bobName, bobToken) = await bastion.AddUserAsync(["operator"]);
        var (_, _, auditorToken) = await bastion.AddUserAsync(["auditor"]);
        var (_, invitation) = await Server.SendAsync(HttpMethod.Post, Path(sessionId), token, new { user = bobName, mode = "watch" });
        var invitationId = invitation.GetProperty("id").GetString();

        var (_, unknown) = await Server.SendAsync(HttpMethod.Get, Path("no-such-session"), token);
        foreach (var stranger in new[] { bobToken, auditorToken })
        {
            foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
            {
                (HttpMethod.Get, Path(sessionId), null),
                (HttpMethod.Post, Path(sessionId), new { user = bobName, mode = "control" }),
                (HttpMethod.Delete, $"{Path(sessionId)}/{invitationId}", null),
            })
            {
                var (status, json) = await Server.SendAsync(method, path, stranger, body);
                Assert.Equal(404, status);
                Assert.Equal(unknown.GetRawText(), json.GetRawText());
            }
        }

        var (adminStatus, list) = await Server.SendAsync(HttpMethod.Get, Path(sessionId), bastion.AdminToken);
        Assert.Equal(200, adminStatus);
        Assert.Equal(1, list.GetArrayLength());
        var (noToken, _) = await Server.SendAsync(HttpMethod.Get, Path(sessionId), null);
        Assert.Equal(401, noToken);
    }

    [Fact]
    public async Task BadInput_IsAValidationProblem_WithTheField()
    {
        var (terminal, token, ownerName) = await OpenOwnSessionAsync();
        await using var _ = terminal;
        var sessionId = terminal.SessionId!;
        var (disabledId, disabledName, _) = await bastion.AddUserAsync(["operator"]);
        var (disable, _) = await Server.SendAsync(HttpMethod.Put, $"/api/users/{disabledId}", bastion.AdminToken, new { disabled = true });
        Assert.Equal(200, disable);
        var (_, bobName, _) = await bastion.AddUserAsync(["operator"]);

        foreach (var (body, field) in new (object, string)[]
        {
            (new { user = BastionFixture.Unique("nobody"), mode = "watch" }, "user"),
            (new { user = disabledName, mode = "watch" }, "user"),
            (new { user = ownerName, mode = "watch" }, "user"),
            (new { user = "", mode = "watch" }, "user"),
            (new { user = bobName, mode = "type" }, "mode"),
            (new { user = bobName, mode = "watch", minutes = 0 }, "minutes"),
            (new { user = bobName, mode = "watch", minutes = 481 }, "minutes"),
        })
        {
            var (status, json) = await Server.SendAsync(HttpMethod.Post, Path(sessionId), token, body);
            Assert.True(status == 400, $"{JsonSerializer.Serialize(body)} → {status}: {json}");
            Assert.Equal([field], json.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        var (_, list) = await Server.SendAsync(HttpMethod.Get, Path(sessionId), token);
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task EndedSession_HasNoInvitations_ItsIdIsA404()
    {
        var (terminal, token, _) = await OpenOwnSessionAsync();
        await using var _ = terminal;
        var sessionId = terminal.SessionId!;
        var (_, bobName, _) = await bastion.AddUserAsync(["operator"]);
        var (created, _) = await Server.SendAsync(HttpMethod.Post, Path(sessionId), token, new { user = bobName });
        Assert.Equal(201, created);

        var (ended, _) = await Server.SendAsync(HttpMethod.Delete, $"/api/sessions/{sessionId}", token);
        Assert.Equal(204, ended);
        await terminal.WaitForAsync(t => t.Closed, "the session to end");

        var (status, _) = await Server.SendAsync(HttpMethod.Get, Path(sessionId), token);
        Assert.Equal(404, status);
    }
}

using Bastion.Testing;

namespace Bastion.Tests.Cluster;

/// <summary>Invitations and per-user session caps across nodes (issue 10): an invitee watches through whichever node
/// their requests reach, and concurrent opens split across both nodes never exceed the cap.</summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class SharingAcrossNodesTests(MultiNodeFixture cluster)
{
    private BastionProcess A => cluster.Nodes[0];

    private BastionProcess B => cluster.Nodes[1];

    [Fact]
    public async Task Invitee_WatchesASessionOfNodeA_ThroughNodeB_AndThroughNginx()
    {
        var hostId = await cluster.AddHostAsync();
        var (_, ownerToken, _) = await cluster.AddUserAsync("operator", hostId);
        var (_, inviteeName, inviteeToken, _) = await cluster.AddAccountAsync("operator", null);
        using var ownerOnA = MultiNodeFixture.Direct(A, ownerToken);
        using var inviteeOnB = MultiNodeFixture.Direct(B, inviteeToken);
        await using var owner = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(A.BaseUri, hostId, await MultiNodeFixture.TicketAsync(ownerOnA, new { hostId })));
        await owner.SendInputAsync("echo shared-$((7*7))\r");
        await owner.WaitForOutputAsync("shared-49");
        var sessionId = owner.SessionId!;

        // Not invited yet: B refuses the ticket.
        Assert.Equal(404, (await MultiNodeFixture.SendAsync(inviteeOnB, HttpMethod.Post, "/api/terminal/tickets", new { sessionId, mode = "watch" })).Status);

        var (invited, invitation) = await MultiNodeFixture.SendAsync(ownerOnA, HttpMethod.Post, $"/api/sessions/{sessionId}/invitations", new { user = inviteeName, mode = "watch", minutes = 10 });
        Assert.True(invited == 201, $"invite → {invited}: {invitation}");

        // B issues the watch ticket and proxies the socket to A; a watch invitation never types.
        var ticket = await MultiNodeFixture.TicketAsync(inviteeOnB, new { sessionId, mode = "watch" });
        await using (var watcher = await TerminalClient.ConnectAsync(MultiNodeFixture.AttachUri(B.BaseUri, sessionId, "watch", ticket)))
        {
            await owner.SendInputAsync("echo watched-on-b-$((6*6))\r");
            await watcher.WaitForOutputAsync("watched-on-b-36");
        }

        Assert.Equal(404, (await MultiNodeFixture.SendAsync(inviteeOnB, HttpMethod.Post, "/api/terminal/tickets", new { sessionId, mode = "control" })).Status);

        // Through nginx: the ticket and the socket land wherever round-robin sends them.
        using var inviteeLb = MultiNodeFixture.Direct(A, inviteeToken);
        inviteeLb.BaseAddress = cluster.Nginx.BaseUri;
        for (var i = 0; i < 2; i++)
        {
            var uri = MultiNodeFixture.AttachUri(cluster.Nginx.BaseUri, sessionId, "watch", await MultiNodeFixture.TicketAsync(inviteeLb, new { sessionId, mode = "watch" }));
            await using var watcher = await TerminalClient.ConnectAsync(uri);
            await owner.SendInputAsync($"echo lb-{i}-$((20+{i}))\r");
            await watcher.WaitForOutputAsync($"lb-{i}-{20 + i}");
        }

        // Revoked on A: B issues no more tickets for it.
        var invitationId = invitation.GetProperty("id").GetString()!;
        Assert.Equal(204, (await MultiNodeFixture.SendAsync(ownerOnA, HttpMethod.Delete, $"/api/sessions/{sessionId}/invitations/{invitationId}")).Status);
        Assert.Equal(404, (await MultiNodeFixture.SendAsync(inviteeOnB, HttpMethod.Post, "/api/terminal/tickets", new { sessionId, mode = "watch" })).Status);
    }

    [Fact]
    public async Task ConcurrentOpensSplitAcrossBothNodes_AdmitExactlyTheCap()
    {
        const int cap = 2;
        const int opens = 8;
        var body = HostSpec.For(cluster.Sshd, HostSpec.UniqueName("race")).ToBody();
        body["maxSessionsPerUser"] = cap;
        var (created, host) = await MultiNodeFixture.SendAsync(cluster.Lb, HttpMethod.Post, "/api/hosts", body);
        Assert.True(created == 201, host.ToString());
        var hostId = host.GetProperty("id").GetString()!;
        var (_, token, _) = await cluster.AddUserAsync("operator", hostId);
        using var onA = MultiNodeFixture.Direct(A, token);
        using var onB = MultiNodeFixture.Direct(B, token);

        // Tickets first (one per open, half from each node), then every socket at once, each to its ticket's node.
        var uris = new List<Uri>();
        for (var i = 0; i < opens; i++)
        {
            var (http, node) = i % 2 == 0 ? (onA, A) : (onB, B);
            uris.Add(MultiNodeFixture.TerminalUri(node.BaseUri, hostId, await MultiNodeFixture.TicketAsync(http, new { hostId })));
        }

        var clients = await Task.WhenAll(uris.Select(u => TerminalClient.ConnectAsync(u)));
        try
        {
            foreach (var client in clients)
            {
                await client.WaitForAsync(c => c.Ready || c.Closed, "the session to start or be refused");
            }

            var admitted = clients.Count(c => c.Ready && !c.Closed);
            var refused = clients.Where(c => c.Closed).ToList();
            Assert.True(admitted == cap, $"{admitted} admitted, cap {cap}\n{cluster.Log}");
            Assert.All(refused, c => Assert.Contains(c.Errors, e => e.GetProperty("code").GetString() == "too_many_sessions"));
            Assert.Equal(opens - cap, refused.Count);

            // Ended (not just detached), the sessions give their places back.
            foreach (var client in clients.Where(c => !c.Closed))
            {
                await client.SendJsonAsync(new { flag = "end" });
                await client.WaitForCloseAsync();
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        await Poll.UntilAsync(async () =>
        {
            await using var again = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(B.BaseUri, hostId, await MultiNodeFixture.TicketAsync(onB, new { hostId })));
            await again.WaitForAsync(c => c.Ready || c.Closed, "the session to start or be refused");
            if (again.Closed)
            {
                return false;
            }

            await again.SendJsonAsync(new { flag = "end" });
            await again.WaitForCloseAsync();
            return true;
        }, "a place under the cap after the sessions ended");
    }
}

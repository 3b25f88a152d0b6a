using Bastion.Testing;

namespace Bastion.Tests.Cluster;

/// <summary>
/// Two real Bastion processes sharing storage and a real Redis (issue 10): tickets, attach, watch, kill, revocation and
/// the per-user cap work whichever node a request reaches. Requests go to a chosen node directly where the test must
/// know which node serves it, and through nginx (round-robin, no stickiness) for the end-to-end flow.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class CrossNodeTests(MultiNodeFixture cluster)
{
    private BastionProcess A => cluster.Nodes[0];

    private BastionProcess B => cluster.Nodes[1];

    [Fact]
    public async Task TicketIssuedOnOneNode_IsRedeemedOnceOnAnother_AndRefusedOnEveryNodeAfter()
    {
        var hostId = await cluster.AddHostAsync();
        using var onA = MultiNodeFixture.Direct(A, cluster.AdminToken);
        var ticket = await MultiNodeFixture.TicketAsync(onA, new { hostId });

        await using (var terminal = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(B.BaseUri, hostId, ticket)))
        {
            await terminal.SendInputAsync("echo redeemed-$((6*7))\r");
            await terminal.WaitForOutputAsync("redeemed-42");
        }

        Assert.True(await ClusterProbe.IsRefusedAsync(MultiNodeFixture.TerminalUri(A.BaseUri, hostId, ticket)), "a second redemption on the issuing node");
        Assert.True(await ClusterProbe.IsRefusedAsync(MultiNodeFixture.TerminalUri(B.BaseUri, hostId, ticket)), "a second redemption on the other node");
    }

    [Fact]
    public async Task Session_OnNodeA_IsAttachedWatchedAndKilled_ThroughNodeB()
    {
        var hostId = await cluster.AddHostAsync();
        var (_, auditorToken, _) = await cluster.AddUserAsync("auditor", null);
        using var onA = MultiNodeFixture.Direct(A, cluster.AdminToken);
        using var onB = MultiNodeFixture.Direct(B, cluster.AdminToken);
        using var auditorOnB = MultiNodeFixture.Direct(B, auditorToken);

        await using var first = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(A.BaseUri, hostId, await MultiNodeFixture.TicketAsync(onA, new { hostId })));
        await first.SendInputAsync("echo on-node-a-$((3*3))\r");
        await first.WaitForOutputAsync("on-node-a-9");
        var sessionId = first.SessionId!;

        // The owner takes the session over through B: the snapshot shows what ran on A, and input typed at B runs there.
        var attachTicket = await MultiNodeFixture.TicketAsync(onB, new { sessionId, mode = "control" });
        await using var attached = await TerminalClient.ConnectAsync(MultiNodeFixture.AttachUri(B.BaseUri, sessionId, "control", attachTicket));
        await attached.WaitForOutputAsync("on-node-a-9");
        await attached.SendInputAsync("echo via-node-b-$((4*4))\r");
        await attached.WaitForOutputAsync("via-node-b-16");

        // An auditor watches through B and sees live output.
        var watchTicket = await MultiNodeFixture.TicketAsync(auditorOnB, new { sessionId, mode = "watch" });
        await using var watcher = await TerminalClient.ConnectAsync(MultiNodeFixture.AttachUri(B.BaseUri, sessionId, "watch", watchTicket));
        await attached.SendInputAsync("echo watched-$((5*5))\r");
        await watcher.WaitForOutputAsync("watched-25");

        // The admin kills it through B: A audits the kill and ends it; both proxied sockets close.
        var (status, body) = await MultiNodeFixture.SendAsync(onB, HttpMethod.Post, $"/api/sessions/{sessionId}/kill");
        Assert.True(status == 204, $"kill → {status}: {body}\n{cluster.Log}");
        await attached.WaitForCloseAsync();
        await watcher.WaitForCloseAsync();
        Assert.Equal("killed", await ClusterProbe.WaitForEndReasonAsync(onB, sessionId, TestTimeouts.Default));
        Assert.Equal(1, await ClusterProbe.CountAsync(onB, sessionId, "session.killed"));
        await ClusterProbe.AssertChainVerifiesAsync(onB);
    }

    [Fact]
    public async Task GrantRevokedOnNodeB_EndsTheSessionRunningOnNodeA()
    {
        var hostId = await cluster.AddHostAsync();
        var (_, userToken, grantId) = await cluster.AddUserAsync("operator", hostId);
        using var userOnA = MultiNodeFixture.Direct(A, userToken);
        using var onB = MultiNodeFixture.Direct(B, cluster.AdminToken);
        await using var terminal = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(A.BaseUri, hostId, await MultiNodeFixture.TicketAsync(userOnA, new { hostId })));
        await terminal.SendInputAsync("echo granted-$((2*2))\r");
        await terminal.WaitForOutputAsync("granted-4");

        var (status, _) = await MultiNodeFixture.SendAsync(onB, HttpMethod.Delete, $"/api/grants/{grantId}");
        Assert.Equal(204, status);

        await terminal.WaitForCloseAsync();
        Assert.Equal("access_revoked", await ClusterProbe.WaitForEndReasonAsync(onB, terminal.SessionId!, TestTimeouts.Default));
    }

    [Fact]
    public async Task ThroughNginx_LoginTerminalAttachWatchAndKill_WorkWhicheverNodeServesEachRequest()
    {
        var hostId = await cluster.AddHostAsync();
        var (_, auditorToken, _) = await cluster.AddUserAsync("auditor", null);
        using var auditor = MultiNodeFixture.Direct(A, auditorToken);
        auditor.BaseAddress = cluster.Nginx.BaseUri;
        var lb = cluster.Nginx.BaseUri;

        await using var terminal = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(lb, hostId, await MultiNodeFixture.TicketAsync(cluster.Lb, new { hostId })));
        await terminal.SendInputAsync("echo through-nginx-$((8*8))\r");
        await terminal.WaitForOutputAsync("through-nginx-64");
        var sessionId = terminal.SessionId!;

        // Several attaches in a row, each dropping its socket (a closed laptop, not "end"): with round-robin, tickets
        // and sockets land on both nodes.
        for (var i = 0; i < 3; i++)
        {
            var uri = MultiNodeFixture.AttachUri(lb, sessionId, "control", await MultiNodeFixture.TicketAsync(cluster.Lb, new { sessionId, mode = "control" }));
            await using var attached = await ClusterProbe.ConnectOrNullAsync(uri);
            Assert.True(attached is not null, $"attach {i} refused\n{cluster.Log}");
            await attached.SendInputAsync($"echo round-{i}-$((10+{i}))\r");
            await attached!.WaitForOutputAsync($"round-{i}-{10 + i}");
            attached.Abort();
        }

        await using var watcher = await TerminalClient.ConnectAsync(MultiNodeFixture.AttachUri(lb, sessionId, "watch", await MultiNodeFixture.TicketAsync(auditor, new { sessionId, mode = "watch" })));
        await using var last = await TerminalClient.ConnectAsync(MultiNodeFixture.AttachUri(lb, sessionId, "control", await MultiNodeFixture.TicketAsync(cluster.Lb, new { sessionId, mode = "control" })));
        await last.SendInputAsync("echo seen-by-watcher-$((9*9))\r");
        await watcher.WaitForOutputAsync("seen-by-watcher-81");

        var (status, body) = await MultiNodeFixture.SendAsync(cluster.Lb, HttpMethod.Post, $"/api/sessions/{sessionId}/kill");
        Assert.True(status == 204, $"kill → {status}: {body}\n{cluster.Log}");
        await last.WaitForCloseAsync();
        await watcher.WaitForCloseAsync();
        Assert.Equal("killed", await ClusterProbe.WaitForEndReasonAsync(cluster.Lb, sessionId, TestTimeouts.Default));
        Assert.Contains(File.ReadLines(cluster.Nginx.AccessLog), l => l.Contains($"upstream=127.0.0.1:{A.Port}", StringComparison.Ordinal));
        Assert.Contains(File.ReadLines(cluster.Nginx.AccessLog), l => l.Contains($"upstream=127.0.0.1:{B.Port}", StringComparison.Ordinal));
    }
}

using Bastion.Testing;

namespace Bastion.Tests.Cluster;

/// <summary>
/// redis-server stopped mid-run (by PID) and started again, empty (issue 10). While it is down: the running session
/// keeps working, logins and new sessions on a node work, an attach through another node is refused like an unknown
/// session. Once it is back, the owner's next renewal republishes the session and the cross-node attach works again;
/// nothing is missing from the audit chain.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class RedisOutageTests(MultiNodeFixture cluster)
{
    [Fact]
    public async Task RedisStopped_RunningSessionsAndLoginsKeepWorking_CrossNodeAttachWaits_AndRecoversWhenItIsBack()
    {
        var hostId = await cluster.AddHostAsync();
        var a = cluster.Nodes[0];
        var b = cluster.Nodes[1];
        using var onA = MultiNodeFixture.Direct(a, cluster.AdminToken);
        using var onB = MultiNodeFixture.Direct(b, cluster.AdminToken);
        await using var terminal = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(a.BaseUri, hostId, await MultiNodeFixture.TicketAsync(onA, new { hostId })));
        await terminal.SendInputAsync("echo before-outage\r");
        await terminal.WaitForOutputAsync("before-outage");
        var sessionId = terminal.SessionId!;

        await cluster.Redis.StopAsync();
        try
        {
            await terminal.SendInputAsync("echo during-outage-$((11*11))\r");
            await terminal.WaitForOutputAsync("during-outage-121");

            using var anonymous = new HttpClient { BaseAddress = b.BaseUri, Timeout = TestTimeouts.Default };
            var (login, _) = await MultiNodeFixture.SendAsync(anonymous, HttpMethod.Post, "/api/auth/token", new { username = "admin", password = BastionServer.AdminPassword });
            Assert.Equal(200, login);

            await using (var local = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(b.BaseUri, hostId, await MultiNodeFixture.TicketAsync(onB, new { hostId }))))
            {
                await local.SendInputAsync("echo new-on-b-$((12*12))\r");
                await local.WaitForOutputAsync("new-on-b-144");
            }

            var (refused, _) = await MultiNodeFixture.SendAsync(onB, HttpMethod.Post, "/api/terminal/tickets", new { sessionId, mode = "control" });
            Assert.Equal(404, refused);
        }
        finally
        {
            await cluster.Redis.StartAsync();
        }

        // Back: within a renewal (1 s) plus reconnecting, the attach through B works again.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        int status;
        do
        {
            await Task.Delay(500);
            (status, _) = await MultiNodeFixture.SendAsync(onB, HttpMethod.Post, "/api/terminal/tickets", new { sessionId, mode = "control" });
        }
        while (status != 200 && DateTime.UtcNow < until);
        Assert.True(status == 200, $"attach ticket after Redis came back → {status}\n{cluster.Log}");

        await using var attached = await TerminalClient.ConnectAsync(MultiNodeFixture.AttachUri(b.BaseUri, sessionId, "control", await MultiNodeFixture.TicketAsync(onB, new { sessionId, mode = "control" })));
        await attached.WaitForOutputAsync("during-outage-121");
        await attached.SendInputAsync("exit\r");
        Assert.Equal("host_closed", await ClusterProbe.WaitForEndReasonAsync(onB, sessionId, TestTimeouts.Default));
        Assert.True(await ClusterProbe.CountAsync(onB, sessionId, "session.started") == 1, "session.started is in the log");
        await ClusterProbe.AssertChainVerifiesAsync(onB);
    }
}

using Bastion.Testing;

namespace Bastion.Tests.Cluster;

/// <summary>Per-user session caps and login rate limits count across nodes (issue 10).</summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class LimitsAcrossNodesTests(MultiNodeFixture cluster)
{
    [Fact]
    public async Task SessionCap_CountsTheSessionOnTheOtherNode()
    {
        var body = HostSpec.For(cluster.Sshd, HostSpec.UniqueName("capped")).ToBody();
        body["maxSessionsPerUser"] = 1;
        var (created, host) = await MultiNodeFixture.SendAsync(cluster.Lb, HttpMethod.Post, "/api/hosts", body);
        Assert.True(created == 201, host.ToString());
        var hostId = host.GetProperty("id").GetString()!;
        var (_, token, _) = await cluster.AddUserAsync("operator", hostId);
        using var onA = MultiNodeFixture.Direct(cluster.Nodes[0], token);
        using var onB = MultiNodeFixture.Direct(cluster.Nodes[1], token);

        await using var first = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(cluster.Nodes[0].BaseUri, hostId, await MultiNodeFixture.TicketAsync(onA, new { hostId })));
        await first.SendInputAsync("echo first-$((1+1))\r");
        await first.WaitForOutputAsync("first-2");

        await using var second = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(cluster.Nodes[1].BaseUri, hostId, await MultiNodeFixture.TicketAsync(onB, new { hostId })));
        await second.WaitForCloseAsync();
        Assert.Contains(second.Errors, e => e.GetProperty("code").GetString() == "too_many_sessions");
        Assert.Equal(4004, (int?)second.CloseStatus);
    }

    [Fact]
    public async Task LoginAttempts_AreCountedByAllNodesTogether()
    {
        const int limit = 4;
        await using var d = await cluster.StartNodeAsync("d", $"--Auth:LoginAttemptsPerMinute={limit}");
        await using var e = await cluster.StartNodeAsync("e", $"--Auth:LoginAttemptsPerMinute={limit}");
        using var toD = new HttpClient { BaseAddress = d.BaseUri, Timeout = TestTimeouts.Default };
        using var toE = new HttpClient { BaseAddress = e.BaseUri, Timeout = TestTimeouts.Default };
        var wrong = new { username = "admin", password = "not-the-password" };

        // Alternate between the nodes: each node alone has seen at most half the attempts.
        var statuses = new List<int>();
        for (var i = 0; i < limit + 1; i++)
        {
            statuses.Add((await MultiNodeFixture.SendAsync(i % 2 == 0 ? toD : toE, HttpMethod.Post, "/api/auth/token", wrong)).Status);
        }

        Assert.All(statuses.Take(limit), s => Assert.Equal(401, s));
        Assert.Equal(429, statuses[limit]);
    }
}

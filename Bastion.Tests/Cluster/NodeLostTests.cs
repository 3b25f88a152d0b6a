using Bastion.Testing;

namespace Bastion.Tests.Cluster;

/// <summary>kill -9 of one node (issue 10): a surviving node ends its sessions as <c>node_lost</c> once the lease
/// expires, with the recording finalised as far as it reached storage; the chain verifies; the others keep serving.</summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class NodeLostTests(MultiNodeFixture cluster)
{
    [Fact]
    public async Task Kill9OfANode_ItsSessionEndsAsNodeLost_OnASurvivor_AndTheChainVerifies()
    {
        var hostId = await cluster.AddHostAsync();
        string sessionId;
        await using (var doomed = await cluster.StartNodeAsync("c"))
        {
            using var onC = MultiNodeFixture.Direct(doomed, cluster.AdminToken);
            await using var terminal = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(doomed.BaseUri, hostId, await MultiNodeFixture.TicketAsync(onC, new { hostId })));
            await terminal.SendInputAsync("echo before-node-lost-$((7*7))\r");
            await terminal.WaitForOutputAsync("before-node-lost-49");
            sessionId = terminal.SessionId!;
            var recording = Path.Combine(cluster.Storage.DataDir, "recordings", sessionId + ".cast");
            await WaitForFileToContainAsync(recording, "before-node-lost-49");

            await doomed.KillAsync();
        }

        // Lease (3 s) + a renewal round on a survivor; bounded generously for a loaded machine.
        var reason = await ClusterProbe.WaitForEndReasonAsync(cluster.Lb, sessionId, TimeSpan.FromSeconds(45));
        Assert.True(reason == "node_lost", $"reason {reason ?? "(none)"}\n{cluster.Log}");
        Assert.Equal(1, await ClusterProbe.CountAsync(cluster.Lb, sessionId, "session.ended"));
        await ClusterProbe.AssertChainVerifiesAsync(cluster.Lb);

        var (status, session) = await MultiNodeFixture.SendAsync(cluster.Lb, HttpMethod.Get, $"/api/sessions/{sessionId}");
        Assert.Equal(200, status);
        Assert.Equal("node_lost", session.GetProperty("session").GetProperty("endReason").GetString());
        using var recordingResponse = await cluster.Lb.GetAsync(new Uri($"/api/sessions/{sessionId}/recording", UriKind.Relative)).WithTimeout();
        recordingResponse.EnsureSuccessStatusCode();
        Assert.Contains("before-node-lost-49", await recordingResponse.Content.ReadAsStringAsync().WithTimeout());

        // The others keep serving, through nginx.
        await using var next = await TerminalClient.ConnectAsync(MultiNodeFixture.TerminalUri(cluster.Nginx.BaseUri, hostId, await MultiNodeFixture.TicketAsync(cluster.Lb, new { hostId })));
        await next.SendInputAsync("echo still-serving-$((6*6))\r");
        await next.WaitForOutputAsync("still-serving-36");
    }

    private static async Task WaitForFileToContainAsync(string path, string text)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (!File.Exists(path) || !(await File.ReadAllTextAsync(path, timeout.Token)).Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}

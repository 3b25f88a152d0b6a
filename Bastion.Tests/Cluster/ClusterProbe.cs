using System.Net.WebSockets;
using System.Text.Json;
using Bastion.Testing;

namespace Bastion.Tests.Cluster;

/// <summary>What the cluster tests ask of the audit log and of a refused socket.</summary>
internal static class ClusterProbe
{
    /// <summary>The <c>session.ended</c> reason of <paramref name="sessionId"/>, waiting for it (null if none came).</summary>
    public static async Task<string?> WaitForEndReasonAsync(HttpClient http, string sessionId, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            var (status, json) = await MultiNodeFixture.SendAsync(http, HttpMethod.Get, $"/api/audit/events?session={sessionId}&type=session.ended");
            Assert.Equal(200, status);
            if (json.GetProperty("events").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } ended)
            {
                return ended.GetProperty("data").GetProperty("reason").GetString();
            }

            if (DateTime.UtcNow > until)
            {
                return null;
            }

            await Task.Delay(250);
        }
    }

    public static async Task<int> CountAsync(HttpClient http, string sessionId, string type)
    {
        var (status, json) = await MultiNodeFixture.SendAsync(http, HttpMethod.Get, $"/api/audit/events?session={sessionId}&type={type}");
        Assert.Equal(200, status);
        return json.GetProperty("events").GetArrayLength();
    }

    public static async Task AssertChainVerifiesAsync(HttpClient http)
    {
        var (status, verify) = await MultiNodeFixture.SendAsync(http, HttpMethod.Get, "/api/audit/verify");
        Assert.Equal(200, status);
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
    }

    /// <summary>The connected client, or null when the WebSocket upgrade at <paramref name="uri"/> is refused.</summary>
    public static async Task<TerminalClient?> ConnectOrNullAsync(Uri uri)
    {
        try
        {
            return await TerminalClient.ConnectAsync(uri);
        }
        catch (WebSocketException)
        {
            return null;
        }
    }

    /// <summary>True when the WebSocket upgrade at <paramref name="uri"/> is refused.</summary>
    public static async Task<bool> IsRefusedAsync(Uri uri)
    {
        try
        {
            await using var client = await TerminalClient.ConnectAsync(uri);
            return false;
        }
        catch (WebSocketException)
        {
            return true;
        }
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>
/// One node vs two (issue 10), in the same run: a real redis-server, two Bastion processes sharing storage and the bus,
/// and two nginx instances, one in front of node a only and one round-robin over a and b. Logins (password hashing,
/// CPU-bound) and sessions (ticket, WebSocket, SSH connect, `echo`, close) go through nginx with a fixed number of
/// concurrent clients; the layouts alternate so a noisy minute on the shared machine hits both.
/// </summary>
internal static class ClusterScenario
{
    public sealed record Result(string Layout, double LoginsPerSecond, double SessionsPerSecond, int Failures);

    public static async Task<List<Result>> RunAsync(SshdServer sshd, int logins, int sessions, int concurrency, int rounds)
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        using var storage = new MultiNodeStorage();
        await storage.InitializeAsync();
        string[] NodeArgs(string id) => [.. storage.NodeArgs(), $"--Bus:Redis={redis.Endpoint}", $"--Cluster:NodeId={id}", "--Auth:LoginAttemptsPerMinute=1000000"];
        await using var a = await BastionProcess.StartAsync(storage.DataDir, NodeArgs("a"), timeout: TimeSpan.FromSeconds(60));
        await using var b = await BastionProcess.StartAsync(storage.DataDir, NodeArgs("b"), timeout: TimeSpan.FromSeconds(60));
        await using var one = await NginxServer.StartAsync([a.BaseUri]);
        await using var two = await NginxServer.StartAsync([a.BaseUri, b.BaseUri]);
        var token = await a.LoginAsync();
        var hostId = await a.AddHostAsync(sshd);

        var results = new List<Result>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (label, nginx) in new[] { ("1 node", one), ("2 nodes", two) })
            {
                var loginRate = await LoginsAsync(nginx.BaseUri, logins, concurrency);
                var (sessionRate, failures) = await SessionsAsync(nginx.BaseUri, token, hostId, sessions, concurrency);
                results.Add(new Result(label, loginRate, sessionRate, failures));
                Console.Error.WriteLine($"  {label}: {loginRate:F1} logins/s, {sessionRate:F1} sessions/s, {failures} failures");
            }
        }

        return results;
    }

    private static async Task<double> LoginsAsync(Uri lb, int total, int concurrency)
    {
        using var http = new HttpClient { BaseAddress = lb, Timeout = TimeSpan.FromSeconds(60) };
        var next = 0;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                using var response = await http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = BastionServer.AdminPassword });
                response.EnsureSuccessStatusCode();
            }
        }));
        return total / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<(double PerSecond, int Failures)> SessionsAsync(Uri lb, string token, string hostId, int total, int concurrency)
    {
        using var http = new HttpClient { BaseAddress = lb, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var next = 0;
        var failures = 0;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= total)
            {
                try
                {
                    using var response = await http.PostAsJsonAsync("/api/terminal/tickets", new { hostId });
                    response.EnsureSuccessStatusCode();
                    var ticket = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()!;
                    await using var terminal = await BenchTerminal.ConnectAsync(
                        new Uri($"ws://{lb.Authority}/ws/terminal/{hostId}?cols=100&rows=30&flow=1&ticket={Uri.EscapeDataString(ticket)}"));
                    var ok = terminal.WaitForMarkerAsync("C-2-OK", timeout: TimeSpan.FromSeconds(60));
                    await terminal.SendInputAsync("echo C-$((1+1))-OK\r");
                    await ok;
                }
                catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or TimeoutException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        return (total / Stopwatch.GetElapsedTime(start).TotalSeconds, failures);
    }
}

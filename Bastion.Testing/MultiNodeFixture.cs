using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bastion.Testing;

/// <summary>
/// A cluster to test against, started once for a collection (issue 10): a real sshd, a real redis-server, two Bastion
/// processes (nodes <c>a</c> and <c>b</c>) sharing storage (<see cref="MultiNodeStorage"/>) and the bus, and nginx in front
/// of them round-robin without stickiness. <see cref="Lb"/> is logged in as the admin through nginx. Tests that kill a
/// node start one of their own with <see cref="StartNodeAsync"/>; tests that stop Redis start it again before they end.
/// </summary>
public sealed class MultiNodeFixture : IAsyncLifetime
{
    /// <summary>Short, so a lost node is noticed within seconds; renewals run every third of it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    /// <summary>Short, so a test can see a second factor go stale and a step-up make it fresh again.</summary>
    public static readonly TimeSpan StepUpWindow = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> _log = new();
    private readonly List<BastionProcess> _nodes = [];

    public SshdServer Sshd { get; } = new();

    public RedisServer Redis { get; } = new();

    public MultiNodeStorage Storage { get; } = new();

    public NginxServer Nginx { get; private set; } = null!;

    /// <summary>The nodes behind nginx.</summary>
    public IReadOnlyList<BastionProcess> Nodes => _nodes;

    /// <summary>A client to nginx with the admin's bearer token.</summary>
    public HttpClient Lb { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    /// <summary>What the nodes wrote to stderr, for a failing test's message.</summary>
    public string Log => string.Join('\n', _log.TakeLast(200));

    public async Task InitializeAsync()
    {
        await Sshd.StartAsync(CancellationToken.None);
        await Redis.StartAsync();
        await Storage.InitializeAsync();

        // One after the other: the first creates the schema and the admin in the shared database.
        _nodes.Add(await StartNodeAsync("a"));
        _nodes.Add(await StartNodeAsync("b"));
        Nginx = await NginxServer.StartAsync(_nodes.Select(n => n.BaseUri));
        Lb = new HttpClient { BaseAddress = Nginx.BaseUri, Timeout = TestTimeouts.Default };
        using var login = await Lb.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = BastionServer.AdminPassword }).WithTimeout();
        login.EnsureSuccessStatusCode();
        AdminToken = (await login.Content.ReadFromJsonAsync<JsonElement>().WithTimeout()).GetProperty("access_token").GetString()!;
        Lb.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    /// <summary>A node in the cluster (sharing storage and the bus); not behind nginx unless the fixture started it.</summary>
    public Task<BastionProcess> StartNodeAsync(string nodeId, params string[] extraArgs) =>
        BastionProcess.StartAsync(Storage.DataDir, [.. Storage.NodeArgs(), $"--Bus:Redis={Redis.Endpoint}", $"--Cluster:NodeId={nodeId}",
            $"--Cluster:Lease={Lease:c}", $"--Auth:StepUpWindow={StepUpWindow:c}", "--Logging:LogLevel:Bastion=Information", "--Logging:Console:LogToStandardErrorThreshold=Trace", .. extraArgs], line => _log.Enqueue($"[{nodeId}] {line}"));

    /// <summary>A direct client to <paramref name="node"/> with <paramref name="token"/>.</summary>
    public static HttpClient Direct(BastionProcess node, string token)
    {
        var http = new HttpClient { BaseAddress = node.BaseUri, Timeout = TestTimeouts.Default };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Sends a JSON request and returns the status and body (an empty object when there is none).</summary>
    public static async Task<(int Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await http.SendAsync(request).WithTimeout();
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        return ((int)response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    /// <summary>Adds the fixture's sshd as a host (through nginx) and returns its id.</summary>
    public async Task<string> AddHostAsync()
    {
        var (status, json) = await SendAsync(Lb, HttpMethod.Post, "/api/hosts", HostSpec.For(Sshd, HostSpec.UniqueName("cluster")).ToBody());
        Assert.True(status == 201, $"POST /api/hosts → {status}: {json}");
        return json.GetProperty("id").GetString()!;
    }

    /// <summary>A new user (through nginx), granted <paramref name="hostId"/> if given; returns its id and a token.</summary>
    public async Task<(string Id, string Token, string GrantId)> AddUserAsync(string role, string? hostId)
    {
        var (id, _, token, grantId) = await AddAccountAsync(role, hostId);
        return (id, token, grantId);
    }

    /// <summary>As <see cref="AddUserAsync"/>, with the user's name.</summary>
    public async Task<(string Id, string Name, string Token, string GrantId)> AddAccountAsync(string role, string? hostId)
    {
        var name = HostSpec.UniqueName(role);
        var (status, json) = await SendAsync(Lb, HttpMethod.Post, "/api/users", new { username = name, password = AdminApi.UserPassword, roles = new[] { role }, groups = Array.Empty<string>() });
        Assert.True(status == 201, $"POST /api/users → {status}: {json}");
        var id = json.GetProperty("id").GetString()!;
        var grantId = "";
        if (hostId is not null)
        {
            var (grantStatus, grant) = await SendAsync(Lb, HttpMethod.Post, "/api/grants", new { userId = id, hostId });
            Assert.True(grantStatus == 201, $"POST /api/grants → {grantStatus}: {grant}");
            grantId = grant.GetProperty("id").GetString()!;
        }

        using var anonymous = new HttpClient { BaseAddress = Nginx.BaseUri, Timeout = TestTimeouts.Default };
        var (loginStatus, login) = await SendAsync(anonymous, HttpMethod.Post, "/api/auth/token", new { username = name, password = AdminApi.UserPassword });
        Assert.True(loginStatus == 200, $"login → {loginStatus}: {login}");
        return (id, name, login.GetProperty("access_token").GetString()!, grantId);
    }

    /// <summary>A ticket from whichever server <paramref name="http"/> reaches (a host or a running session).</summary>
    public static async Task<string> TicketAsync(HttpClient http, object body)
    {
        var (status, json) = await SendAsync(http, HttpMethod.Post, "/api/terminal/tickets", body);
        Assert.True(status == 200, $"POST /api/terminal/tickets → {status}: {json}");
        return json.GetProperty("ticket").GetString()!;
    }

    public static Uri TerminalUri(Uri server, string hostId, string ticket) =>
        new($"ws://{server.Authority}/ws/terminal/{hostId}?cols=100&rows=30&flow=1&ticket={Uri.EscapeDataString(ticket)}");

    public static Uri AttachUri(Uri server, string sessionId, string mode, string ticket) =>
        new($"ws://{server.Authority}/ws/sessions/{sessionId}?mode={mode}&flow=1&ticket={Uri.EscapeDataString(ticket)}");

    public async Task DisposeAsync()
    {
        Lb?.Dispose();
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Redis.DisposeAsync();
        await Sshd.DisposeAsync();
        Storage.Dispose();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Testing;

/// <summary>
/// The real Bastion web app on real Kestrel, on a free loopback port, with its own data directory and a known admin
/// password. Each instance is a fresh deployment.
/// </summary>
public sealed class BastionServer : IAsyncDisposable
{
    public const string AdminPassword = "admin-password-for-tests";

    private WebApplication? _app;

    private BastionServer(string dataDir) => DataDir = dataDir;

    public string DataDir { get; }

    /// <summary>Leave the data directory in place on dispose, for a test that restarts on the same data.</summary>
    public bool KeepDataDir { get; set; }

    public Uri BaseUri { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public Uri WebSocketUri(string pathAndQuery) => new($"ws://{BaseUri.Authority}{pathAndQuery}");

    public static async Task<BastionServer> StartAsync(
        IDictionary<string, string>? settings = null, string? dataDir = null, Action<IServiceCollection>? configureServices = null)
    {
        var server = new BastionServer(dataDir ?? Directory.CreateTempSubdirectory("bastion-test-").FullName);
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--webroot={RepoPaths.WebRoot}",
            $"--Bastion:DataDir={server.DataDir}",
            $"--BASTION_ADMIN_PASSWORD={AdminPassword}",
            "--Logging:LogLevel:Default=Warning",
            "--Auth:LoginAttemptsPerMinute=1000",
            // Not the product's compaction 10 s after start: in-process servers share the test process, where a
            // blocking, compacting full GC would pause every collection running beside them (IdleFootprintTests turns it on).
            "--Memory:CompactAfterStart=00:00:00",
        };
        args.AddRange((settings ?? new Dictionary<string, string>()).Select(kv => $"--{kv.Key}={kv.Value}"));
        args.InsertRange(0, await PostgresServer.StorageArgumentsAsync(server.DataDir, args));

        server._app = await BastionApp.CreateAsync([.. args], configureServices).WithTimeout();
        await server._app.StartAsync().WithTimeout();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address);
        server.Http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TestTimeouts.Default };
        return server;
    }

    /// <summary>Logs in and returns the bearer token.</summary>
    public async Task<string> LoginAsync(string userName = "admin", string password = AdminPassword)
    {
        using var response = await Http.PostAsJsonAsync("/api/auth/token", new { username = userName, password }).WithTimeout();
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout());
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = Request(method, path, token, body);
        using var response = await Http.SendAsync(request).WithTimeout();
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Adds <paramref name="sshd"/> as a host, pinned to its real key unless told otherwise; returns the id.</summary>
    public Task<string> AddHostAsync(string token, SshdServer sshd, string? name = null, string? fingerprint = "pinned", bool useKey = false)
    {
        var host = HostSpec.For(sshd, name);
        host = useKey ? host.WithKey(sshd) : host;
        return this.CreateHostAsync(token, fingerprint == "pinned" ? host : host.PinnedTo(fingerprint));
    }

    public async Task<string> IssueTicketAsync(string token, string hostId)
    {
        var (status, json) = await SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { hostId });
        Assert.True(status == 200, $"POST /api/terminal/tickets → {status}: {json}");
        return json.GetProperty("ticket").GetString()!;
    }

    /// <summary>Opens a terminal as the browser does: a fresh single-use ticket, then the WebSocket with it.</summary>
    public async Task<TerminalClient> OpenTerminalAsync(string token, string hostId, string query = "flow=1", bool autoAck = true)
    {
        var ticket = await IssueTicketAsync(token, hostId);
        return await TerminalClient.ConnectAsync(WebSocketUri($"/ws/terminal/{hostId}?{query}&ticket={Uri.EscapeDataString(ticket)}"), autoAck: autoAck);
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().WithTimeout();
            await _app.DisposeAsync();
        }

        if (KeepDataDir)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

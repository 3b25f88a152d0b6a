using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Bastion.Tests.Infrastructure;

namespace Bastion.Bench;

/// <summary>Bastion.Web as its own process (as deployed), so its RSS and thread count are its own.</summary>
internal sealed class BastionProcess : IAsyncDisposable
{
    private const string Password = "bench-admin-password";
    private readonly Process _process;
    private readonly string _dataDir;

    private BastionProcess(Process process, string dataDir, int port)
    {
        _process = process;
        _dataDir = dataDir;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public string Token { get; private set; } = "";

    public static async Task<BastionProcess> StartAsync(IEnumerable<string> extraArgs)
    {
        var dll = FindWebDll();
        var dataDir = Directory.CreateTempSubdirectory("bastion-bench-").FullName;
        var port = FreePort.Get();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, $"--urls=http://127.0.0.1:{port}", $"--Bastion:DataDir={dataDir}", $"--BASTION_ADMIN_PASSWORD={Password}",
                     "--Logging:LogLevel:Default=Warning", "--Auth:LoginAttemptsPerMinute=1000000" }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("[bastion] " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new BastionProcess(process, dataDir, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var health = await server.Http.GetAsync("/healthz");
                if (health.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new InvalidOperationException("Bastion did not start");
            }

            await Task.Delay(200);
        }

        using var login = await server.Http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = Password });
        login.EnsureSuccessStatusCode();
        server.Token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        server.Http.DefaultRequestHeaders.Authorization = new("Bearer", server.Token);
        return server;
    }

    public async Task<string> AddHostAsync(SshdServer sshd)
    {
        using var response = await Http.PostAsJsonAsync("/api/hosts", new
        {
            name = "bench-" + Guid.NewGuid().ToString("N")[..8], address = sshd.Host, port = sshd.Port, username = sshd.UserName,
            privateKey = sshd.ClientPrivateKeyText, hostKeyFingerprint = sshd.HostKeyFingerprint,
        });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<Uri> TerminalUriAsync(string hostId, bool flow)
    {
        using var response = await Http.PostAsJsonAsync("/api/terminal/tickets", new { hostId });
        response.EnsureSuccessStatusCode();
        var ticket = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("ticket").GetString()!;
        return new Uri($"ws://127.0.0.1:{Port}/ws/terminal/{hostId}?cols=200&rows=50{(flow ? "&flow=1" : "")}&ticket={Uri.EscapeDataString(ticket)}");
    }

    /// <summary>Resident set size in bytes and thread count, from /proc.</summary>
    public (long RssBytes, int Threads) Sample()
    {
        long rss = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return (rss, threads);
    }

    /// <summary>User + system CPU time the server has used, from /proc/PID/stat (clock ticks of 10 ms).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static string FindWebDll()
    {
        var here = AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bastion.sln")))
            {
                var config = here.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
                return Path.Combine(dir.FullName, "Bastion.Web", "bin", config, "net10.0", "Bastion.Web.dll");
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }
}

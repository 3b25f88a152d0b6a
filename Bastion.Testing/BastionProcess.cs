using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bastion.Testing;

/// <summary>
/// Bastion as a real separate process (<c>dotnet Bastion.Web.dll</c>), for what an in-process host cannot show: a
/// kill -9, the command-line tools, and the benchmark's own RSS, thread and CPU figures.
/// </summary>
public sealed class BastionProcess : IAsyncDisposable
{
    /// <summary>Bound on a cold start of the process until /healthz answers: a new dotnet process on a loaded machine
    /// takes longer than an in-process host. It bounds a hang; it does not measure start-up.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly bool _ownsDataDir;

    private BastionProcess(Process process, Uri baseUri, string dataDir, bool ownsDataDir, TimeSpan httpTimeout)
    {
        _process = process;
        _ownsDataDir = ownsDataDir;
        BaseUri = baseUri;
        DataDir = dataDir;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = httpTimeout };
    }

    public Uri BaseUri { get; }

    public int Port => BaseUri.Port;

    /// <summary>The server's process id (for a profiler attached by the benchmark).</summary>
    public int ProcessId => _process.Id;

    public string DataDir { get; }

    /// <summary>A client for this process; after <see cref="LoginAsync"/> it sends the admin's bearer token.</summary>
    public HttpClient Http { get; }

    /// <summary>The admin's token from the last <see cref="LoginAsync"/>.</summary>
    public string Token { get; private set; } = "";

    /// <summary>Bastion.Web.dll named by <c>BASTION_WEB_DLL</c> (the benchmark's <c>--web-dll</c>: a published build, e.g.
    /// ReadyToRun), else the one next to the caller's binaries (a project reference copies it), else its own build output.</summary>
    public static string WebDll { get; } = FindWebDll();

    /// <param name="dataDir">An existing data directory (kept on dispose, for a restart); null = a fresh one, deleted on dispose.</param>
    /// <param name="extraArgs">More command-line settings; a key given twice takes the later value.</param>
    /// <param name="onStandardError">Each line Bastion writes to stderr; null = discard.</param>
    /// <param name="timeout">Bound on each HTTP call (default <see cref="TestTimeouts.Default"/>); start-up is bounded by
    /// the longer of this and <see cref="StartTimeout"/>.</param>
    /// <param name="environment">Environment variables for the server alone (e.g. the benchmark's GC settings).</param>
    public static async Task<BastionProcess> StartAsync(
        string? dataDir = null, IEnumerable<string>? extraArgs = null, Action<string>? onStandardError = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var ownsDataDir = dataDir is null;
        dataDir ??= Directory.CreateTempSubdirectory("bastion-process-").FullName;
        var port = FreePort.Get();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(WebDll)!,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        foreach (var arg in new[]
        {
            WebDll, $"--urls=http://127.0.0.1:{port}", $"--webroot={RepoPaths.WebRoot}", $"--Bastion:DataDir={dataDir}",
            $"--BASTION_ADMIN_PASSWORD={BastionServer.AdminPassword}", "--Logging:LogLevel:Default=Warning", "--Auth:LoginAttemptsPerMinute=1000",
        }.Concat(await PostgresServer.StorageArgumentsAsync(dataDir, extraArgs ?? [])).Concat(extraArgs ?? []))
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start Bastion");
        OrphanWatch.Start(process.Id);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onStandardError?.Invoke(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? TestTimeouts.Default;
        var server = new BastionProcess(process, new Uri($"http://127.0.0.1:{port}"), dataDir, ownsDataDir, limit);
        try
        {
            await server.WaitHealthyAsync(limit > StartTimeout ? limit : StartTimeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Logs in as the admin; <see cref="Http"/> sends the token from then on. Returns it.</summary>
    public async Task<string> LoginAsync()
    {
        using var login = await Http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = BastionServer.AdminPassword }).WithTimeout(Http.Timeout);
        login.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await login.Content.ReadAsStringAsync().WithTimeout(Http.Timeout));
        Token = doc.RootElement.GetProperty("access_token").GetString()!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return Token;
    }

    /// <summary>Creates a host (as the logged-in admin) and returns its id.</summary>
    public async Task<string> CreateHostAsync(HostSpec host)
    {
        using var response = await Http.PostAsJsonAsync("/api/hosts", host.ToBody()).WithTimeout(Http.Timeout);
        var text = await response.Content.ReadAsStringAsync().WithTimeout(Http.Timeout);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/hosts → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Adds <paramref name="sshd"/> as a host that logs in with the client key.</summary>
    public Task<string> AddHostAsync(SshdServer sshd) => CreateHostAsync(HostSpec.For(sshd, HostSpec.UniqueName("bench")).WithKey(sshd));

    /// <summary>A fresh single-use ticket, and the terminal URL that uses it.</summary>
    public async Task<Uri> TerminalUriAsync(string hostId, bool flow = true, int cols = 200, int rows = 50)
    {
        using var response = await Http.PostAsJsonAsync("/api/terminal/tickets", new { hostId }).WithTimeout(Http.Timeout);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout(Http.Timeout));
        var ticket = doc.RootElement.GetProperty("ticket").GetString()!;
        return new Uri($"ws://{BaseUri.Authority}/ws/terminal/{hostId}?cols={cols}&rows={rows}{(flow ? "&flow=1" : "")}&ticket={Uri.EscapeDataString(ticket)}");
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
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return (rss, threads);
    }

    /// <summary>User + system CPU time the server has used (<see cref="CpuOf"/>).</summary>
    public TimeSpan CpuTime()
    {
        var (user, sys) = CpuOf(_process.Id);
        return TimeSpan.FromMilliseconds(user + sys);
    }

    /// <summary>User and system CPU milliseconds of any process (the bench's own, for its floor), from
    /// /proc/PID/stat (clock ticks of 10 ms).</summary>
    public static (double User, double Sys) CpuOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) * 10.0, long.Parse(fields[12], CultureInfo.InvariantCulture) * 10.0);
    }

    /// <summary>Context switches (voluntary + involuntary) of the server's live threads, from /proc/PID/task/*/status:
    /// a count of hand-offs between threads that, unlike CPU time, a busy machine hardly inflates.</summary>
    public long ContextSwitches() => ContextSwitchesOf(_process.Id);

    /// <summary>The same count for any process (the bench's own, for its floor).</summary>
    public static long ContextSwitchesOf(int pid)
    {
        long total = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // the thread exited meanwhile
            }
        }

        return total;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        OrphanWatch.Release(_process.Id);
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WithTimeout();
    }

    /// <summary>Bound on one CLI run: a cold dotnet process that builds its EF model, as generous as a start.</summary>
    public static TimeSpan CliTimeout => StartTimeout;

    /// <summary>Runs a command of the Bastion executable (e.g. <c>audit verify</c>) against a data directory.</summary>
    /// <remarks>Without a command the arguments start the server itself, which suits a start that must fail.</remarks>
    internal static async Task<ToolResult> RunCliAsync(string dataDir, params string[] args) =>
        await ToolRunner.RunAsync("dotnet", [WebDll, .. args, $"--Bastion:DataDir={dataDir}", .. await PostgresServer.StorageArgumentsAsync(dataDir, args)], timeout: CliTimeout);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        OrphanWatch.Release(_process.Id);
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        if (_ownsDataDir)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task WaitHealthyAsync(TimeSpan limit)
    {
        using var probe = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        using var timeout = TestTimeouts.CreateTokenSource(limit);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Bastion exited with {_process.ExitCode} before it was healthy");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/healthz", UriKind.Relative), timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!timeout.IsCancellationRequested)
            {
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private static string FindWebDll()
    {
        if (Environment.GetEnvironmentVariable("BASTION_WEB_DLL") is { Length: > 0 } named)
        {
            return Path.GetFullPath(named);
        }

        var here = Path.Combine(AppContext.BaseDirectory, "Bastion.Web.dll");
        if (File.Exists(Path.ChangeExtension(here, ".runtimeconfig.json")))
        {
            return here;
        }

        var config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepoPaths.Root, "Bastion.Web", "bin", config, "net10.0", "Bastion.Web.dll");
    }
}

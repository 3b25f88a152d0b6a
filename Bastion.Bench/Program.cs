using Bastion.Bench;
using Bastion.Testing;
using static Bastion.Bench.Stats;

// Bastion vs direct `ssh -tt`, side by side against one real loopback sshd, in one run (docs/PERFORMANCE.md).
// Usage: see Args.Usage (or run with --help).
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(Args.Usage);
    return;
}

if (ScreenScenario.TryRun(args)) // --only screen: the screen model alone, no sshd or server
{
    return;
}

var options = Args.Parse(args);
Console.WriteLine($"# Bastion benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.OSVersion}");

await using var sshd = new SshdServer();
await sshd.StartAsync(CancellationToken.None);
await using var bastion = await BastionProcess.StartAsync(
    extraArgs: ["--Auth:LoginAttemptsPerMinute=1000000", .. options.ServerArgs],
    onStandardError: line => Console.Error.WriteLine("[bastion] " + line),
    timeout: TimeSpan.FromSeconds(180), // a cold start on a machine shared with other builds can take over a minute
    environment: options.ServerEnvironment);
if (Environment.GetEnvironmentVariable("BASTION_WEB_DLL") is { Length: > 0 })
{
    Console.WriteLine($"server: {BastionProcess.WebDll}");
}

if (options.ServerEnvironment.Count > 0)
{
    Console.WriteLine($"server environment: {string.Join(' ', options.ServerEnvironment.Select(e => $"{e.Key}={e.Value}"))}");
}

await bastion.LoginAsync();
var hostId = await bastion.AddHostAsync(sshd);

if (options.Runs("throughput"))
{
    Console.WriteLine($"\n## Throughput: `{ThroughputScenario.Command}` (MB/s of delivered output, {options.RunCount} runs, median)\n");
    var results = new List<(double Bastion, double SshNet, double Ssh, double CpuMsPerMb, double SwitchesPerMb)>();
    for (var i = 0; i < options.RunCount; i++)
    {
        results.Add(await ThroughputScenario.RunOnceAsync(bastion, hostId, sshd, options.Algorithms));
        Console.Error.WriteLine($"  run {i + 1}: bastion {F(results[^1].Bastion)}, ssh.net {F(results[^1].SshNet)}, ssh -tt {F(results[^1].Ssh)} MB/s");
    }

    var b = Median(results.Select(r => r.Bastion).ToList());
    var n = Median(results.Select(r => r.SshNet).ToList());
    var s = Median(results.Select(r => r.Ssh).ToList());
    Console.WriteLine("| path | MB/s | vs ssh -tt |\n|---|---|---|");
    Console.WriteLine($"| Bastion (WebSocket client acking every message) | {F(b)} | {F(b / s, 2)}× |");
    Console.WriteLine($"| SSH.NET ShellStream read loop alone | {F(n)} | {F(n / s, 2)}× |");
    Console.WriteLine($"| ssh -tt | {F(s)} | 1.00× |");
    Console.WriteLine($"\nBastion server CPU per MB relayed: {F(Median(results.Select(r => r.CpuMsPerMb).ToList()))} ms (user + system, median)");
    Console.WriteLine($"Bastion server context switches per MB relayed: {F(Median(results.Select(r => r.SwitchesPerMb).ToList()), 0)} (all threads, median)");
    Console.WriteLine($"runs (CPU ms per MB / switches per MB): {string.Join("; ", results.Select(r => $"{F(r.CpuMsPerMb)}/{F(r.SwitchesPerMb, 0)}"))}");
    Console.WriteLine($"runs (Bastion/SSH.NET/ssh -tt MB/s): {string.Join("; ", results.Select(r => $"{F(r.Bastion)}/{F(r.SshNet)}/{F(r.Ssh)}"))}");
}

if (options.Only?.Contains("relay") == true)
{
    // Only when named: the relay's own cost per MB, for profiling (issue 12; docs/PERFORMANCE.md "Relay CPU").
    Console.WriteLine($"\n## Relay CPU per MB: `{ThroughputScenario.Command}` ({options.RunCount} runs each)\n");
    var warmUp = await RelayScenario.WarmUpAsync(bastion, hostId);
    Console.WriteLine($"warm-up: {warmUp.Count} rounds of two floods (5 MB, then 1 MB); methods the server's JIT compiled per round: {string.Join(", ", warmUp.Select(m => F(m, 0)))}\n");
    var window = options.ChannelWindowBytes;
    RelayScenario.RunReceiveThread(sshd, options.Algorithms, window, attach: null, RelayScenario.WarmUpCommand);
    Console.WriteLine("| path | run | MB | s | user ms/MB | sys ms/MB | CPU ms/MB | switches/MB | alloc MB/MB | methods jitted | JIT ms/MB | frames/MB | timer wakes/MB | CPU ms/MB until quiet | alloc MB/MB until quiet | quiet after s | quiet before s |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    var shares = new List<string>();
    for (var i = 0; i < options.RunCount; i++)
    {
        var run = new[]
        {
            await RelayScenario.RunBastionAsync(bastion, hostId, flow: true, options.Attach),
            await RelayScenario.RunBastionAsync(bastion, hostId, flow: false, options.Attach),
            RelayScenario.RunSshNet(sshd, options.Algorithms),
            RelayScenario.RunReceiveThread(sshd, options.Algorithms, window, options.AttachFloor),
        };
        foreach (var figures in run)
        {
            Console.WriteLine($"| {figures.Path} | {i + 1} | {F(figures.MegaBytes)} | {F(figures.Seconds)} | {F(figures.UserMsPerMb)} | {F(figures.SysMsPerMb)} | " +
                $"{F(figures.CpuMsPerMb)} | {F(figures.SwitchesPerMb, 0)} | {F(figures.AllocMbPerMb, 2)} | {F(figures.JitMethods, 0)} | {F(figures.JitMsPerMb)} | {F(figures.FramesPerMb, 0)} | {F(figures.TimerWakesPerMb, 0)} | " +
                $"{F(figures.SettledCpuMsPerMb)} | {F(figures.SettledAllocMbPerMb, 2)} | {F(figures.QuietSeconds)} | {F(figures.QuietBeforeSeconds)} |");
        }

        shares.Add($"run {i + 1}: acks {F(run[0].CpuMsPerMb - run[3].CpuMsPerMb)}, no flow control {F(run[1].CpuMsPerMb - run[3].CpuMsPerMb)} " +
            $"(floor {F(run[3].CpuMsPerMb)}, ShellStream loop {F(run[2].CpuMsPerMb)}; load {RelayScenario.Load()})");
    }

    Console.WriteLine($"\nBastion's own share, CPU ms/MB (Bastion − receive-thread floor of the same run, window {window} bytes):");
    shares.ForEach(line => Console.WriteLine("- " + line));
}

if (options.Only?.Contains("floor") == true)
{
    // Only when named: SSH.NET's own cost per MB in this process, without Bastion (issue 12, "SSH.NET's blocking
    // receive"): the bare ShellStream loop and the receive-thread floor, each opened as Bastion opens its clients with
    // Ssh:BlockingReceive on and off, back to back in every run so that both see the same load.
    Console.WriteLine($"\n## SSH.NET floor per MB: `{ThroughputScenario.Command}` ({options.RunCount} runs, each path with blocking receive on and off)\n");
    var window = options.ChannelWindowBytes;
    var on = new Bastion.Core.Ssh.SshOptions { Ciphers = options.Algorithms.Ciphers, Macs = options.Algorithms.Macs, BlockingReceive = true };
    var off = new Bastion.Core.Ssh.SshOptions { Ciphers = options.Algorithms.Ciphers, Macs = options.Algorithms.Macs, BlockingReceive = false };
    RelayScenario.RunReceiveThread(sshd, on, window, attach: null, RelayScenario.WarmUpCommand);
    RelayScenario.RunReceiveThread(sshd, off, window, attach: null, RelayScenario.WarmUpCommand);
    Console.WriteLine("| path | blocking receive | run | MB | s | user ms/MB | sys ms/MB | CPU ms/MB | switches/MB | alloc MB/MB | load |\n|---|---|---|---|---|---|---|---|---|---|---|");
    for (var i = 0; i < options.RunCount; i++)
    {
        foreach (var algorithms in new[] { off, on })
        {
            foreach (var figures in new[] { RelayScenario.RunSshNet(sshd, algorithms), RelayScenario.RunReceiveThread(sshd, algorithms, window, options.AttachFloor) })
            {
                Console.WriteLine($"| {figures.Path} | {(algorithms.BlockingReceive ? "on" : "off")} | {i + 1} | {F(figures.MegaBytes)} | {F(figures.Seconds)} | {F(figures.UserMsPerMb)} | {F(figures.SysMsPerMb)} | " +
                    $"{F(figures.CpuMsPerMb)} | {F(figures.SwitchesPerMb, 0)} | {F(figures.AllocMbPerMb, 2)} | {RelayScenario.Load()} |");
            }
        }
    }
}

if (options.Runs("echo"))
{
    var (bastionRtts, sshRtts) = await EchoScenario.RunAsync(bastion, hostId, sshd, options.Keystrokes, options.EchoWarmUp, options.Attach, options.AttachSsh, options.EchoAckEach);
    var warmUp = options.EchoWarmUp > 0 ? $"after a warm-up in rounds of {options.EchoWarmUp} until the JIT settled" : "no warm-up";
    Console.WriteLine($"\n## Echo latency: {options.Keystrokes} keystrokes, each waiting for its echo, {warmUp} (ms)\n");
    Console.WriteLine("| path | p50 | p99 | max |\n|---|---|---|---|");
    Console.WriteLine($"| Bastion | {F(Percentile(bastionRtts, 50), 2)} | {F(Percentile(bastionRtts, 99), 2)} | {F(bastionRtts.Max(), 2)} |");
    Console.WriteLine($"| ssh -tt | {F(Percentile(sshRtts, 50), 2)} | {F(Percentile(sshRtts, 99), 2)} | {F(sshRtts.Max(), 2)} |");
}

if (options.Runs("interrupt"))
{
    Console.WriteLine($"\n## Ctrl+C two seconds into `yes` ({options.RunCount} runs, median): time until the prompt, output delivered after Ctrl+C\n");
    Console.WriteLine("| path | ms to prompt | KiB after Ctrl+C |\n|---|---|---|");
    foreach (var (label, rate) in new[] { ("Bastion, client acks at once", 0.0), ("Bastion, client acks 2 MB/s", 2e6) })
    {
        var runs = new List<(double Ms, long After)>();
        for (var i = 0; i < options.RunCount; i++)
        {
            runs.Add(await InterruptScenario.RunBastionAsync(bastion, hostId, rate));
        }

        Console.WriteLine($"| {label} | {F(Median(runs.Select(r => r.Ms).ToList()))} | {F(Median(runs.Select(r => (double)r.After).ToList()) / 1024)} |");
    }

    var sshRuns = new List<(double Ms, long After)>();
    for (var i = 0; i < options.RunCount; i++)
    {
        sshRuns.Add(await InterruptScenario.RunSshAsync(sshd));
    }

    Console.WriteLine($"| ssh -tt | {F(Median(sshRuns.Select(r => r.Ms).ToList()))} | {F(Median(sshRuns.Select(r => (double)r.After).ToList()) / 1024)} |");
}

if (options.Runs("stalled"))
{
    Console.WriteLine($"\n## Stalled clients: {options.Stalled} sessions running `yes`, server RSS after 5 s\n");
    Console.WriteLine("| client | RSS before (MiB) | RSS after (MiB) | growth per session (MiB) | threads before → after |\n|---|---|---|---|---|");
    foreach (var (label, acks) in new[] { ("reads, never acks (flow=1)", true), ("never reads the socket", false) })
    {
        var r = await CapacityScenario.StalledFloodAsync(bastion, hostId, options.Stalled, acks);
        Console.WriteLine($"| {label} | {MiB(r.RssBefore)} | {MiB(r.RssAfter)} | {F(r.RssPerSessionMiB, 3)} | {r.ThreadsBefore} → {r.ThreadsAfter} |");
    }
}

if (options.Runs("idle-rss"))
{
    var (first, restart) = await MemoryScenario.IdleRssAsync(["--Auth:LoginAttemptsPerMinute=1000000", .. options.ServerArgs], options.ServerEnvironment, TimeSpan.FromSeconds(20));
    Console.WriteLine("\n## Idle service: a second server with the same settings, 20 s after /healthz first answered, nobody logged in\n");
    Console.WriteLine("| start | RSS (MiB) | threads |\n|---|---|---|");
    Console.WriteLine($"| first (fresh data directory: applies every migration) | {MiB(first.RssBytes)} | {first.Threads} |");
    Console.WriteLine($"| restart (same data directory: schema current) | {MiB(restart.RssBytes)} | {restart.Threads} |");
    Console.WriteLine($"\nBy mapping (/proc/PID/smaps, MiB):\n\n| start | {MemoryMap.Header} |\n|---|---|---|---|---|---|---|");
    Console.WriteLine($"| first | {first.Map.Row()} |\n| restart | {restart.Map.Row()} |");
}

if (options.Runs("flood-stalled"))
{
    Console.WriteLine($"\n## Never-reading client: `{MemoryScenario.FloodCommand}` without flow control, the client stops reading for 8 s after 10 MB (a warm-up flood, then {options.RunCount} runs)\n");
    Console.WriteLine("| run | MB | RSS before (MiB) | peak (MiB) | peak growth (MiB) | at the stall's end (MiB) | after (MiB) | MB received during the stall | methods jitted | alloc MB/MB |\n|---|---|---|---|---|---|---|---|---|---|");
    var floodNotes = new List<string>();
    // The process's first flood pays once for what every later flood reuses (the JIT compiling the flood's paths,
    // pools, the heaps' first growth): it is shown as the warm-up, apart from the runs (docs/PERFORMANCE.md, issue 12).
    for (var i = 0; i <= options.RunCount; i++)
    {
        var r = await MemoryScenario.FloodStalledAsync(bastion, hostId, 10_000_000, TimeSpan.FromSeconds(8), i == 0 ? null : options.Attach);
        var label = i == 0 ? "warm-up" : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"| {label} | {F(r.MegaBytes)} | {MiB(r.RssBefore)} | {MiB(r.RssPeak)} | {MiB(r.PeakGrowth)} | {MiB(r.RssAtStallEnd)} | {MiB(r.RssAfter)} | " +
            $"{F((r.ReceivedAtStallEnd - r.ReceivedAtStall) / 1e6, 2)} | {F(r.JitMethods, 0)} | {F(r.AllocMbPerMb, 2)} |");
        if (r.Maps is { } maps)
        {
            floodNotes.Add($"- {(i == 0 ? "warm-up" : $"run {i}")}, growth to the peak by mapping: {MemoryMap.PerUnitKb(maps.Before, maps.Peak, 1)}");
        }
    }

    Console.WriteLine(floodNotes.Count > 0 ? "\n" + string.Join('\n', floodNotes) : "");
    Console.WriteLine($"load average: {RelayScenario.Load()}");
}

if (options.Runs("open"))
{
    var (bastionMs, sshMs) = await OpenScenario.RunAsync(bastion, hostId, sshd, 20);
    Console.WriteLine("\n## Time to a working terminal: open, run `echo`, see its output (20 sessions one after another, ms)\n");
    Console.WriteLine("| path | p50 | p90 |\n|---|---|---|");
    Console.WriteLine($"| Bastion (ticket, WebSocket, SSH connect, shell) | {F(Percentile(bastionMs, 50))} | {F(Percentile(bastionMs, 90))} |");
    Console.WriteLine($"| ssh -tt (process start, SSH connect, shell) | {F(Percentile(sshMs, 50))} | {F(Percentile(sshMs, 90))} |");
}

if (options.Runs("scale"))
{
    Console.WriteLine("\n## Scale: N concurrent sessions, each runs `echo`, then stays open\n");
    Console.WriteLine("| sessions | failures | seconds to open all | RSS before → after (MiB) | RSS per session (MiB) | second half, KiB per session | threads before → open → all closed |\n|---|---|---|---|---|---|---|");
    var scaleNotes = new List<string>();
    foreach (var count in options.Sessions)
    {
        var r = await CapacityScenario.ScaleAsync(bastion, hostId, count);
        Console.WriteLine($"| {count} | {r.Failures} | {F(r.OpenSeconds)} | {MiB(r.RssBefore)} → {MiB(r.RssAfter)} | {F(r.RssPerSessionMiB, 3)} | {F(r.MarginalKb, 1)} | {r.ThreadsBefore} → {r.ThreadsAfter} → {r.ThreadsAfterClose} |");
        if (r.SecondWave is { } wave)
        {
            scaleNotes.Add($"- {count} sessions, second wave ({wave.Opened} sessions), per session by mapping: {MemoryMap.PerUnitKb(wave.MapBefore, wave.MapAfter, wave.Opened)}");
        }

        if (r.ThreadsLater is var (threads, seconds))
        {
            scaleNotes.Add($"- {count} sessions closed: {threads} threads {F(seconds, 1)} s after closing");
        }
    }

    Console.WriteLine(scaleNotes.Count > 0 ? "\n" + string.Join('\n', scaleNotes) : "");
}

if (options.Only?.Contains("burst") == true) // not part of "everything": it costs minutes and hundreds of processes
{
    Console.WriteLine("\n## Login burst: N terminals opened at once, no client-side cap, password logins through PAM; time until all ran `echo`\n");
    Console.WriteLine("| path | sessions | failures | s to all prompts | p50 s | p90 s | queued |\n|---|---|---|---|---|---|---|");
    foreach (var count in options.Burst)
    {
        var r = await BurstScenario.RunBastionAsync(bastion, sshd, count);
        Console.WriteLine($"| Bastion | {count} | {r.Failures} | {F(r.AllSeconds)} | {F(r.P50Seconds)} | {F(r.P90Seconds)} | {r.Queued} |");
        foreach (var sample in r.FailureSamples)
        {
            Console.WriteLine($"  failure: {sample}");
        }

        var s = await BurstScenario.RunSshAsync(sshd, count);
        Console.WriteLine($"| ssh -tt | {count} | {s.Failures} | {F(s.AllSeconds)} | {F(s.P50Seconds)} | {F(s.P90Seconds)} | – |");
        foreach (var sample in s.FailureSamples)
        {
            Console.WriteLine($"  failure: {sample}");
        }
    }
}

if (options.Runs("transfer"))
{
    Console.WriteLine($"\n## File transfer: {TransferScenario.Megabytes} MiB ({TransferScenario.Rounds} rounds) through the file API (HTTP → SFTP) vs `scp` to the same sshd (MB/s)\n");
    var r = await TransferScenario.RunAsync(bastion);
    Console.WriteLine($"| direction | Bastion | scp | Bastion / scp | scp -c {TransferScenario.SameCipher} | Bastion / that | Bastion peak RSS |\n|---|---|---|---|---|---|---|");
    Console.WriteLine($"| download | {F(r.BastionDownload)} | {F(r.ScpDownload)} | {F(r.BastionDownload / r.ScpDownload, 2)}× | {F(r.ScpSameCipherDownload)} | {F(r.BastionDownload / r.ScpSameCipherDownload, 2)}× | {MiB(r.PeakDownload)} |");
    Console.WriteLine($"| upload | {F(r.BastionUpload)} | {F(r.ScpUpload)} | {F(r.BastionUpload / r.ScpUpload, 2)}× | {F(r.ScpSameCipherUpload)} | {F(r.BastionUpload / r.ScpSameCipherUpload, 2)}× | {MiB(r.PeakUpload)} |");
    Console.WriteLine($"\nMedians of {r.PerRound.Count} rounds; load average {r.LoadBefore} before, {r.LoadAfter} after. Per round (MB/s: Bastion, scp, scp -c {TransferScenario.SameCipher}):");
    foreach (var x in r.PerRound)
    {
        Console.WriteLine($"- down {F(x[0])} / {F(x[1])} / {F(x[2])} ({F(x[0] / x[1], 2)}×, {F(x[0] / x[2], 2)}×); up {F(x[3])} / {F(x[4])} / {F(x[5])} ({F(x[3] / x[4], 2)}×, {F(x[3] / x[5], 2)}×)");
    }

    Console.WriteLine($"\nBastion RSS before the transfers: {MiB(r.RssBefore)}");
}

if (options.Runs("cluster"))
{
    const int logins = 60, sessions = 40, concurrency = 8, rounds = 2;
    Console.WriteLine($"\n## One node vs two behind nginx (Redis bus, shared storage): {logins} logins and {sessions} sessions (ticket, WebSocket, SSH, `echo`, close), {concurrency} concurrent clients, layouts alternating, {rounds} rounds\n");
    Console.WriteLine("| layout | logins/s | sessions/s | failures |\n|---|---|---|---|");
    foreach (var r in await ClusterScenario.RunAsync(sshd, logins, sessions, concurrency, rounds))
    {
        Console.WriteLine($"| {r.Layout} | {F(r.LoginsPerSecond)} | {F(r.SessionsPerSecond)} | {r.Failures} |");
    }
}

internal sealed record Args(HashSet<string>? Only, int RunCount, int Keystrokes, int[] Sessions, int Stalled, List<string> ServerArgs, Bastion.Core.Ssh.SshOptions Algorithms)
{
    /// <summary>Environment variables for the server processes alone (<c>--env DOTNET_gcServer=0</c>).</summary>
    public Dictionary<string, string> ServerEnvironment { get; init; } = [];

    public const string Usage = """
        Usage: dotnet run -c Release --project Bastion.Bench -- [--only throughput,echo,interrupt,stalled,idle-rss,flood-stalled,open,scale,burst,transfer,cluster]
               [--cipher NAME] [--blocking-receive true|false] [--runs 3] [--keystrokes 200] [--sessions 100,500,1000] [--stalled 20] [--burst 500]
               [--server --Key=Value] [--env NAME=VALUE (the server's environment, e.g. DOTNET_gcServer=0)]
               [--no-product-env (without the Dockerfile's DOTNET_*/MALLOC_* ENV, which every server gets by default)]
               [--echo-warmup 200 (keystrokes per warm-up round, until a round compiles < 50 methods; 0 = none)]
               [--echo-acks browser|each (the echo client's acks: as the browser, 16384 units or 20 ms, between keystrokes; or every echo at once)]
               [--web-dll PATH (run this Bastion.Web.dll, e.g. a ReadyToRun publish, instead of the build's)]
        "echo": --attach "CMD {pid}" profiles the measured keystrokes; with --env DOTNET_PerfMapEnabled=3 it lists the
        methods the server compiled during them (by tier and assembly; the full list in /tmp/bastion-echo-jitted-PID.txt);
        --attach-ssh "CMD {pid}" the ssh -tt keystrokes. Each keystroke's start and end (monotonic ns) go to
        /tmp/bastion-echo-keys-PID.tsv; with --attach/--attach-ssh "Bastion.Bench/tools/echo-trace.sh /tmp/e-{pid}.data",
        Bastion.Bench/tools/echo_stages.py splits the slowest keystrokes into stages (docs/PERFORMANCE.md, session 6).
        "relay" (only when named): CPU (user/sys), context switches and allocation per MB of the flood through Bastion
        with and without flow control, through a bare SSH.NET ShellStream loop, and through SSH.NET's receive thread with the
        data discarded (Bastion's floor: Bastion − floor is the relay's own share); --attach "strace -c -f -p {pid}" profiles
        each Bastion flood (relay, and the measured floods of flood-stalled), --attach-floor "CMD {pid}" each floor flood (this process).
        "floor" (only when named): the ShellStream loop and the receive-thread floor alone, no Bastion flood, each with
        blocking receive off and on in every run (--attach-floor as above, e.g. strace -c -f -o /tmp/st-{pid}-$$.txt).
        "burst" (only when named): N terminals at once with password logins through PAM, beside N concurrent ssh -tt.
        "screen" (only when named, and alone): the screen model only, before any sshd or server starts; --screen-mb 64 --screen-batch 12000.
        A short run: --only open,echo --keystrokes 20 --echo-warmup 0 (needs root: it starts a real sshd).
        """;

    public int[] Burst { get; init; } = [500];

    /// <summary>Unmeasured keystrokes per round of the echo warm-up, repeated until the server's JIT settles; 0 = none.</summary>
    public int EchoWarmUp { get; init; } = EchoScenario.DefaultWarmUpRound;

    /// <summary>A profiler command run against the server during each relay flood ({pid} = the server's).</summary>
    public string? Attach { get; init; }

    /// <summary>The echo's client acknowledges every echo at once (<c>--echo-acks each</c>) instead of as the browser does.</summary>
    public bool EchoAckEach { get; init; }

    /// <summary>A profiler command run during the echo's <c>ssh -tt</c> keystrokes ({pid} = the ssh process).</summary>
    public string? AttachSsh { get; init; }

    /// <summary>A profiler command run against this process during each receive-thread floor flood ({pid} = this one's).</summary>
    public string? AttachFloor { get; init; }

    /// <summary>The SSH channel window the receive-thread floor grants: Bastion's (its default, or a
    /// <c>--server --Terminal:SshChannelWindowBytes=N</c>), so both see the same window adjusts.</summary>
    public uint ChannelWindowBytes =>
        ServerArgs.LastOrDefault(a => a.StartsWith(WindowArg, StringComparison.Ordinal)) is { } arg
            ? uint.Parse(arg[WindowArg.Length..], System.Globalization.CultureInfo.InvariantCulture)
            : (uint)new Bastion.Core.Terminal.TerminalOptions().SshChannelWindowBytes;

    private const string WindowArg = "--Terminal:SshChannelWindowBytes=";

    public bool Runs(string scenario) => Only is null || Only.Contains(scenario);

    public static Args Parse(string[] args)
    {
        HashSet<string>? only = null;
        int runs = 3, keystrokes = 200, stalled = 20, echoWarmUp = EchoScenario.DefaultWarmUpRound;
        int[] sessions = [100, 500, 1000];
        int[] burst = [500];
        var server = new List<string>();
        var algorithms = new Bastion.Core.Ssh.SshOptions();
        string? attach = null, attachFloor = null, attachSsh = null;
        var echoAckEach = false;
        var environment = new Dictionary<string, string>();
        var productEnvironment = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--only": only = [.. args[++i].Split(',')]; break;
                case "--runs": runs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--keystrokes": keystrokes = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--burst": burst = [.. args[++i].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]; break;
                case "--stalled": stalled = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--sessions": sessions = [.. args[++i].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]; break;
                case "--attach": attach = args[++i]; break;
                case "--attach-floor": attachFloor = args[++i]; break;
                case "--attach-ssh": attachSsh = args[++i]; break;
                case "--echo-acks": echoAckEach = args[++i] switch { "each" => true, "browser" => false, var other => throw new ArgumentException($"--echo-acks {other}: browser or each") }; break;
                case "--env":
                    var (name, value) = args[++i].Split('=', 2) is [var n, var v] ? (n, v) : throw new ArgumentException($"--env {args[i]}: NAME=VALUE");
                    environment[name] = value;
                    break;
                case "--no-product-env": productEnvironment = false; break; // the runtime's defaults, not the Dockerfile's ENV
                case "--echo-warmup": echoWarmUp = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--web-dll": Environment.SetEnvironmentVariable("BASTION_WEB_DLL", args[++i]); break; // read by BastionProcess
                case "--server": server.Add(args[++i]); break; // e.g. --server --Terminal:SshChannelWindowBytes=1048576
                case "--blocking-receive": // true|false, for Bastion (Ssh:BlockingReceive) and this process's SSH.NET loops alike
                    algorithms.BlockingReceive = bool.Parse(args[++i]);
                    server.Add($"--Ssh:BlockingReceive={args[i]}");
                    break;
                case "--cipher": // one cipher for Bastion and the bare SSH.NET loop alike, e.g. aes128-ctr
                    algorithms.Ciphers = [args[++i]];
                    server.Add($"--Ssh:Ciphers:0={args[i]}");
                    break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        if (productEnvironment)
        {
            foreach (var (name, value) in ProductEnvironment.Read())
            {
                environment.TryAdd(name, value); // --env given for the same name wins
            }
        }

        return new Args(only, runs, keystrokes, sessions, stalled, server, algorithms) { Burst = burst, Attach = attach, AttachFloor = attachFloor, AttachSsh = attachSsh, EchoAckEach = echoAckEach, ServerEnvironment = environment, EchoWarmUp = echoWarmUp };
    }
}

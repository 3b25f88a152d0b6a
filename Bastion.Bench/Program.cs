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

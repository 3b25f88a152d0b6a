using System.Diagnostics;
using System.Globalization;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>Keystroke → echo round trips: the remote PTY echoes each character of a line typed into <c>cat</c>.
/// Beside the timings it counts (issue 12, the echo tail): slow keystrokes, the server's GCs, allocation and deferred
/// output wakes over the Bastion run (its <c>/metrics</c>, before and after), and this process's own GCs during slow
/// keystrokes (the bench client's WebSocket receive is part of what is timed). The measured keystrokes follow a warm-up
/// that lets the server's JIT settle, and with the server's perf map on, the bench lists what it compiled during them.</summary>
internal static class EchoScenario
{
    /// <summary>A keystroke this slow counts as part of the tail (the idle p50 is ~0.35 ms, the tail ~3 ms).</summary>
    public const double SlowMs = 1.5;

    /// <summary>Longer than the Prometheus exporter's response cache (300 ms by default), so each scrape is fresh.</summary>
    private static readonly TimeSpan ScrapeCache = TimeSpan.FromMilliseconds(500);

    /// <summary>Echo warm-up: rounds of this many unmeasured keystrokes until the JIT has settled (see <see cref="WarmUpAsync"/>).</summary>
    public const int DefaultWarmUpRound = 200;

    /// <summary>A warm-up round that compiled fewer methods than this ends the warm-up (the relay's rule too).</summary>
    private const double SettledMethods = 50;

    /// <param name="warmUpRound">Keystrokes per warm-up round; 0 = none (the measured keystrokes then include the
    /// tiering of the whole keystroke path, which is start-up cost).</param>
    /// <param name="attach">A profiler command run against the server during the measured keystrokes alone.</param>
    /// <param name="attachSsh">The same for the <c>ssh -tt</c> keystrokes ({pid} = the ssh process).</param>
    /// <param name="ackEach">Acknowledge every echo as it arrives, inside the keystroke (the bench until session 6),
    /// instead of as the browser does (<see cref="BrowserAcks"/>).</param>
    public static async Task<(List<double> Bastion, List<double> Ssh)> RunAsync(
        BastionProcess bastion, string hostId, SshdServer sshd, int keystrokes, int warmUpRound, string? attach, string? attachSsh = null, bool ackEach = false)
    {
        var bastionRtts = new List<double>();
        var windows = new KeystrokeWindows(Path.Combine(Path.GetTempPath(), $"bastion-echo-keys-{bastion.ProcessId}.tsv"));
        int clientGcs = 0, slowWithClientGc = 0;
        long clientItems, sshClientItems, serverSwitches, sshSwitches;
        Dictionary<string, double> idle, before, after;
        await using (var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow: true)))
        {
            await ThroughputScenario.WaitReadyAsync(terminal);
            var started = terminal.WaitForMarkerAsync("CAT-READY");
            await terminal.SendInputAsync("echo CAT-$((0))-; echo CAT-READY''; cat > /dev/null\r");
            await started;
            await Task.Delay(200);
            if (warmUpRound > 0)
            {
                var rounds = await WarmUpAsync(bastion, terminal, warmUpRound);
                var settled = rounds[^1] < SettledMethods ? "settled" : "NOT settled";
                Console.Error.WriteLine($"echo warm-up: {rounds.Count} rounds of {warmUpRound} keystrokes ({settled}); methods the server's JIT compiled per round: {string.Join(", ", rounds.Select(m => Stats.F(m, 0)))}");
            }

            using var profiler = RelayScenario.Attach(attach, bastion.ProcessId);
            idle = await ScrapeAsync(bastion); // the first scrape compiles the exporter: not part of the run
            await Task.Delay(ScrapeCache);
            before = await ScrapeAsync(bastion); // idle → before: what one scrape itself adds (the baseline)
            clientItems = ThreadPool.CompletedWorkItemCount;
            var jitted = PerfMapWindow.Open(bastion.ProcessId);
            var acks = ackEach ? null : new BrowserAcks(terminal);
            serverSwitches = bastion.ContextSwitches();
            for (var i = 0; i < keystrokes; i++)
            {
                if (acks is not null)
                {
                    await acks.BeforeKeystrokeAsync();
                }

                var key = (char)('a' + (i % 26));
                var echo = terminal.WaitForMarkerAsync(key.ToString(), terminal.Units);
                var gcs = GC.CollectionCount(0);
                var start = Stopwatch.GetTimestamp();
                await terminal.SendInputAsync(key.ToString());
                await echo;
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                windows.Add("bastion", i, start);
                bastionRtts.Add(ms);
                var gcDuring = GC.CollectionCount(0) - gcs;
                clientGcs += gcDuring;
                slowWithClientGc += ms >= SlowMs && gcDuring > 0 ? 1 : 0;
            }

            clientItems = ThreadPool.CompletedWorkItemCount - clientItems;
            serverSwitches = bastion.ContextSwitches() - serverSwitches;
            if (acks is not null)
            {
                await acks.EndAsync();
                Console.Error.WriteLine($"echo acks: as the browser does (at {BrowserAcks.ThresholdUnits} units or {BrowserAcks.Delay.TotalMilliseconds} ms after the first unacknowledged echo, sent between keystrokes): {acks.Sent} acks for {keystrokes} keystrokes");
            }
            else
            {
                Console.Error.WriteLine("echo acks: every echo at once, inside its keystroke (--echo-acks each)");
            }

            foreach (var line in jitted?.Close(Path.Combine(Path.GetTempPath(), $"bastion-echo-jitted-{bastion.ProcessId}.txt")) ?? [])
            {
                Console.Error.WriteLine(line);
            }

            await Task.Delay(ScrapeCache);
            after = await ScrapeAsync(bastion);
            await RelayScenario.StopAsync(profiler);
        }

        var slow = bastionRtts.Count(ms => ms >= SlowMs);
        Console.Error.WriteLine($"echo counts: {slow} of {keystrokes} keystrokes >= {Stats.F(SlowMs)} ms; bench client gen0 GCs {clientGcs} (during slow keystrokes: {slowWithClientGc}), thread-pool work items {Stats.F(clientItems / (double)keystrokes, 2)} per keystroke; server context switches {Stats.F(serverSwitches / (double)keystrokes, 2)} per keystroke");
        Console.Error.WriteLine($"  slow keystrokes per hundred: {string.Join(' ', bastionRtts.Chunk(100).Select(c => c.Count(ms => ms >= SlowMs)))}");
        if (!after.Keys.Any(k => k.StartsWith("bastion_relay_output_", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine("  server bastion_relay_output_wakes_deferred, _wake_timer_ticks: never counted since the start (0 deferred wakes, 0 timer ticks)");
        }

        foreach (var (name, value) in after.Where(m => IsEchoCounter(m.Key)).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var delta = value - before.GetValueOrDefault(name);
            var scrape = before.GetValueOrDefault(name) - idle.GetValueOrDefault(name);
            Console.Error.WriteLine($"  server {name}: +{Stats.F(delta, delta < 100 ? 3 : 0)} ({Stats.F(delta / keystrokes, 2)} per keystroke; one scrape alone +{Stats.F(scrape, scrape < 100 ? 3 : 0)})");
        }

        var sshRtts = new List<double>();
        await using (var ssh = DirectSsh.Start(sshd, "echo CAT-READY; cat > /dev/null"))
        {
            await ssh.WaitForAsync("CAT-READY");
            await Task.Delay(200);
            using var profiler = RelayScenario.Attach(attachSsh, ssh.ProcessId);
            sshClientItems = ThreadPool.CompletedWorkItemCount;
            sshSwitches = BastionProcess.ContextSwitchesOf(ssh.ProcessId);
            for (var i = 0; i < keystrokes; i++)
            {
                var key = (char)('a' + (i % 26));
                var echo = ssh.WaitForAsync(key.ToString(), ssh.Bytes);
                var start = Stopwatch.GetTimestamp();
                await ssh.WriteAsync(key.ToString());
                await echo;
                windows.Add("ssh", i, start);
                sshRtts.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            sshClientItems = ThreadPool.CompletedWorkItemCount - sshClientItems;
            sshSwitches = BastionProcess.ContextSwitchesOf(ssh.ProcessId) - sshSwitches;
            await RelayScenario.StopAsync(profiler);
        }

        Console.Error.WriteLine($"echo keystroke windows (for Bastion.Bench/tools/echo_stages.py): {windows.Save()}");
        Console.Error.WriteLine($"echo counts: ssh -tt {sshRtts.Count(ms => ms >= SlowMs)} of {keystrokes} keystrokes >= {Stats.F(SlowMs)} ms; per hundred: {string.Join(' ', sshRtts.Chunk(100).Select(c => c.Count(ms => ms >= SlowMs)))}; bench client thread-pool work items {Stats.F(sshClientItems / (double)keystrokes, 2)} per keystroke; ssh context switches {Stats.F(sshSwitches / (double)keystrokes, 2)} per keystroke");
        return (bastionRtts, sshRtts);
    }

    /// <summary>
    /// Unmeasured keystrokes in rounds until a round compiled fewer than <paramref name="settledMethods"/> methods, or
    /// <paramref name="maxRounds"/> rounds, as the relay's warm-up does. Tiered compilation recompiles every method
    /// called 30 times (with dynamic PGO twice: instrumented, then tier 1) on a background thread once no new method
    /// has been compiled for 100 ms; right after a start that is the start-up's code (EF Core, configuration, routing)
    /// and the periodic services', 850–3,000 methods during the first thousand keystrokes, of which the keystroke path
    /// itself is at most 5 (docs/PERFORMANCE.md, "the keystroke tail and the JIT, session 5"). Without the warm-up the
    /// echo figures measure the start-up. Returns the methods compiled per round.
    /// </summary>
    private static async Task<List<double>> WarmUpAsync(BastionProcess bastion, TerminalClient terminal, int round, int maxRounds = 40, double settledMethods = SettledMethods)
    {
        var perRound = new List<double>();
        for (var r = 0; r < maxRounds; r++)
        {
            var before = await RelayScenario.JitMethodsAsync(bastion);
            for (var i = 0; i < round; i++)
            {
                var key = (char)('a' + (i % 26));
                var echo = terminal.WaitForMarkerAsync(key.ToString(), terminal.Units);
                await terminal.SendInputAsync(key.ToString());
                await echo;
            }

            await Task.Delay(500); // the tiering delay: methods queued for tier 1 get compiled meanwhile
            perRound.Add(await RelayScenario.JitMethodsAsync(bastion) - before);
            if (perRound[^1] < settledMethods)
            {
                break;
            }
        }

        return perRound;
    }

    private static bool IsEchoCounter(string name) =>
        name.StartsWith("bastion_relay_", StringComparison.Ordinal) ||
        name.StartsWith("dotnet_jit_", StringComparison.Ordinal) ||
        name.StartsWith("dotnet_thread_pool_", StringComparison.Ordinal) ||
        name.StartsWith("dotnet_monitor_lock_contentions", StringComparison.Ordinal) ||
        (name.Contains("gc_", StringComparison.Ordinal) && (name.Contains("collections", StringComparison.Ordinal) || name.Contains("allocated", StringComparison.Ordinal)));

    /// <summary>The server's Prometheus scrape (the admin's token may read it), as name{labels} → value.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(BastionProcess bastion)
    {
        var text = await bastion.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(30));
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf('}') is var brace and >= 0 ? line.IndexOf(' ', brace) : line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && double.TryParse(line.AsSpan(space + 1).Trim().ToString().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[line[..space]] = value;
            }
        }

        return values;
    }
}

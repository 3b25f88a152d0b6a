using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>
/// Where the relay's CPU goes (issue 12): the throughput flood through Bastion only, with and without flow control,
/// reporting per MB relayed the server's CPU (user and system apart), context switches and bytes allocated (the
/// runtime's own counter, read from the metrics endpoint), and the same flood through a bare SSH.NET ShellStream read
/// loop in this process (its CPU is this process's). An optional profiler command runs attached to the server for the
/// flood alone (<c>{pid}</c> is replaced; it is stopped with SIGINT), e.g. <c>strace -c -f -p {pid}</c>.
/// </summary>
internal static partial class RelayScenario
{
    public sealed record Figures(string Path, double MegaBytes, double Seconds, double UserMsPerMb, double SysMsPerMb, double SwitchesPerMb, double AllocMbPerMb)
    {
        /// <summary>Methods the server's JIT compiled during the flood (should be near 0: see <see cref="WarmUpAsync"/>).</summary>
        public double JitMethods { get; init; } = double.NaN;

        /// <summary>Output frames the client received per MB (the batching: fewer, larger frames cost less per MB).</summary>
        public double FramesPerMb { get; init; } = double.NaN;

        /// <summary>The server's JIT compilation time during the flood, per MB (part of the CPU figures; start-up cost).</summary>
        public double JitMsPerMb { get; init; } = double.NaN;

        /// <summary>Times the output buffer's 2 ms wake timer fired per MB (hand-offs that went through the timer thread
        /// and the thread pool instead of the receive thread).</summary>
        public double TimerWakesPerMb { get; init; } = double.NaN;

        public double CpuMsPerMb => UserMsPerMb + SysMsPerMb;

        /// <summary>The server's CPU per MB from the flood's start until it went quiet after it (<see cref="SettleAsync"/>):
        /// the flood plus the work it left behind (the search index's catch-up), so deferring work does not hide it.</summary>
        public double SettledCpuMsPerMb { get; init; } = double.NaN;

        /// <summary>Bytes allocated per byte of the flood until the server went quiet.</summary>
        public double SettledAllocMbPerMb { get; init; } = double.NaN;

        /// <summary>Seconds from the flood's end until the server went quiet (NaN: it did not within the bound).</summary>
        public double QuietSeconds { get; init; } = double.NaN;

        /// <summary>Seconds the server took to go quiet before the flood began (the previous floods' index caught up), so
        /// that a flood's figures do not hold an earlier flood's deferred work (NaN: it did not within the bound).</summary>
        public double QuietBeforeSeconds { get; init; } = double.NaN;
    }

    /// <summary>The server counts as quiet once it used less than this share of a core over <see cref="QuietWindow"/>
    /// (2 s: longer than the rest the search index's pace leaves between two passes, so a resting index is not taken
    /// for a finished one).</summary>
    private const double QuietShare = 0.05;

    private static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(2);

    /// <summary>Quiet windows in a row before the server counts as quiet: one could fall inside a paced index's rest
    /// on a loaded machine (a pass of over 0.67 s rests longer than a window).</summary>
    private const int QuietWindows = 2;

    private static readonly TimeSpan QuietBound = TimeSpan.FromSeconds(90);

    /// <summary>A smaller flood through both paths first, so the measured runs do not pay for the JIT's tiering
    /// (a profile of a cold first run showed a quarter of the server's CPU in the JIT).</summary>
    public const string WarmUpCommand = "head -c 5000000 /dev/urandom | base64 -w 120";

    public static async Task<Figures> RunBastionAsync(BastionProcess bastion, string hostId, bool flow, string? attach, string command = ThroughputScenario.Command, bool settle = true)
    {
        // A client that did not opt in to flow control sends no acks (each would earn an error reply: twice the
        // messages of a real client, and a send-lock contention per frame in every earlier "no flow control" figure).
        await using var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow), ackRate: flow ? 0 : -1);
        await ThroughputScenario.WaitReadyAsync(terminal);
        var done = terminal.WaitForMarkerAsync("TP-5-END");
        var quietBefore = settle ? (await SettleAsync(bastion.ProcessId))?.After : null;
        using var profiler = Attach(attach, bastion.ProcessId);
        var allocBefore = await AllocatedBytesAsync(bastion);
        var jitBefore = await JitMethodsAsync(bastion);
        var jitTimeBefore = await MetricAsync(bastion, JitTimeLine());
        var ticksBefore = await MetricAsync(bastion, WakeTimerTicksLine());
        var (userBefore, sysBefore) = CpuOf(bastion.ProcessId);
        var switchesBefore = bastion.ContextSwitches();
        var before = terminal.Units;
        var framesBefore = terminal.OutputMessages;
        var start = Stopwatch.GetTimestamp();
        await terminal.SendInputAsync($"stty -echo; {command}; echo TP-$((2+3))-END\r");
        var end = await done;
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var (user, sys) = CpuOf(bastion.ProcessId);
        var switches = bastion.ContextSwitches() - switchesBefore;
        var alloc = await AllocatedBytesAsync(bastion) - allocBefore;
        var jit = await JitMethodsAsync(bastion) - jitBefore;
        var jitTime = await MetricAsync(bastion, JitTimeLine()) - jitTimeBefore;
        var ticks = await MetricAsync(bastion, WakeTimerTicksLine()) - ticksBefore;
        var settled = settle ? await SettleAsync(bastion.ProcessId) : null;
        var quiet = settled?.After;
        var (userSettled, sysSettled) = settled?.Cpu ?? CpuOf(bastion.ProcessId);
        var allocSettled = await AllocatedBytesAsync(bastion) - allocBefore;
        await StopAsync(profiler);
        var mb = (end - before) / 1e6;
        return new Figures(flow ? "Bastion, client acks (flow=1)" : "Bastion, no flow control", mb, seconds,
            (user - userBefore) / mb, (sys - sysBefore) / mb, switches / mb, alloc / 1e6 / mb)
        {
            JitMethods = jit,
            JitMsPerMb = jitTime * 1000 / mb,
            FramesPerMb = (terminal.OutputMessages - framesBefore) / mb,
            TimerWakesPerMb = ticks / mb,
            SettledCpuMsPerMb = (userSettled - userBefore + sysSettled - sysBefore) / mb,
            SettledAllocMbPerMb = allocSettled / 1e6 / mb,
            QuietSeconds = quiet?.TotalSeconds ?? double.NaN,
            QuietBeforeSeconds = quietBefore?.TotalSeconds ?? double.NaN,
        };
    }

    /// <summary>Waits until the server used less than <see cref="QuietShare"/> of a core in each of
    /// <see cref="QuietWindows"/> windows of <see cref="QuietWindow"/> in a row (the index caught up, the recorder
    /// flushed), at most <see cref="QuietBound"/>: how long until the quiet began, and the server's CPU then (so the
    /// quiet windows' own trickle is not counted), or null.</summary>
    private static async Task<(TimeSpan After, (double User, double Sys) Cpu)?> SettleAsync(int pid)
    {
        var start = Stopwatch.GetTimestamp();
        var (user, sys) = CpuOf(pid);
        var quiet = 0;
        (TimeSpan At, (double, double) Cpu) quietFrom = (TimeSpan.Zero, (user, sys));
        while (Stopwatch.GetElapsedTime(start) < QuietBound)
        {
            var at = Stopwatch.GetElapsedTime(start);
            await Task.Delay(QuietWindow);
            var (userNow, sysNow) = CpuOf(pid);
            var used = userNow - user + sysNow - sys;
            if (used >= QuietShare * QuietWindow.TotalMilliseconds)
            {
                quiet = 0;
            }
            else if (quiet++ == 0)
            {
                quietFrom = (at, (user, sys));
            }

            (user, sys) = (userNow, sysNow);
            if (quiet == QuietWindows)
            {
                return (quietFrom.At, quietFrom.Cpu);
            }
        }

        return null;
    }

    /// <summary>The machine's load averages (1, 5, 15 min), to print beside every figure.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Voluntary and involuntary context switches of all of a process's threads, counted as the server's are.</summary>
    private static long ContextSwitchesOf(int pid) => BastionProcess.ContextSwitchesOf(pid);

    /// <summary>User and system CPU milliseconds of a process, counted as the server's are.</summary>
    private static (double User, double Sys) CpuOf(int pid) => BastionProcess.CpuOf(pid);

    /// <summary>
    /// Warm-up floods through both of Bastion's paths until the server's JIT has settled: a round that compiled fewer
    /// than <paramref name="settledMethods"/> methods, or <paramref name="maxRounds"/> rounds. Tiered compilation
    /// recompiles hot methods in the background for a while after they first run (a perf profile of a measured flood
    /// after a single 5 MB warm-up still had 14–20 % of its samples in the JIT), which is start-up cost, not the relay's.
    /// Returns the methods compiled per round.
    /// </summary>
    public static async Task<List<double>> WarmUpAsync(BastionProcess bastion, string hostId, int maxRounds = 20, double settledMethods = 50)
    {
        var perRound = new List<double>();
        for (var round = 0; round < maxRounds; round++)
        {
            var before = await MetricAsync(bastion, JitMethodsLine());
            // The first round moves 5 MB per path (the relay's own methods get hot); later rounds only 1 MB: what is
            // left to compile is per session (login, ticket, audit, recording, key exchange: tier 1 after 30 calls).
            var command = round == 0 ? WarmUpCommand : "head -c 750000 /dev/urandom | base64 -w 120";
            await RunBastionAsync(bastion, hostId, flow: true, attach: null, command, settle: false);
            await RunBastionAsync(bastion, hostId, flow: false, attach: null, command, settle: false);
            await Task.Delay(500); // the tiering delay: hot methods queued for tier 1 get compiled meanwhile
            perRound.Add(await MetricAsync(bastion, JitMethodsLine()) - before);
            if (perRound[^1] < settledMethods)
            {
                break;
            }
        }

        return perRound;
    }

    /// <summary>The runtime's count of bytes allocated by the server (OpenTelemetry runtime metrics, as the admin).</summary>
    internal static Task<double> AllocatedBytesAsync(BastionProcess bastion) => MetricAsync(bastion, AllocatedLine());

    /// <summary>Methods the server's JIT has compiled (every tier counts).</summary>
    public static Task<double> JitMethodsAsync(BastionProcess bastion) => MetricAsync(bastion, JitMethodsLine());

    private static async Task<double> MetricAsync(BastionProcess bastion, Regex line)
    {
        var text = await bastion.Http.GetStringAsync("/metrics");
        var match = line.Match(text);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    [GeneratedRegex(@"^dotnet_gc_heap_total_allocated_bytes(?:_total)?(?:\{[^}]*\})?\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex AllocatedLine();

    [GeneratedRegex(@"^dotnet_jit_compilation_time_seconds(?:_total)?(?:\{[^}]*\})?\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex JitTimeLine();

    [GeneratedRegex(@"^bastion_relay_output_wake_timer_ticks(?:_total)?(?:\{[^}]*\})?\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex WakeTimerTicksLine();

    [GeneratedRegex(@"^dotnet_jit_compiled_methods(?:_total)?(?:\{[^}]*\})?\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex JitMethodsLine();

    public static Process? Attach(string? command, int pid)
    {
        if (command is null)
        {
            return null;
        }

        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec " + command.Replace("{pid}", pid.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var process = Process.Start(info)!;
        Thread.Sleep(1500); // let the profiler attach before the flood
        return process;
    }

    public static async Task StopAsync(Process? profiler)
    {
        if (profiler is null)
        {
            return;
        }

        // SIGINT (the shell exec'd the profiler, so this is its pid): strace, perf and dotnet-trace then write their results.
        using (var kill = Process.Start("kill", ["-INT", profiler.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        await profiler.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }
}

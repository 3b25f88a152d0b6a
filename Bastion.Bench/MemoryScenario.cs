using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>
/// Memory targets of issue 12: the RSS of a service that has just started and does nothing, and the RSS growth while
/// a client without flow control stops reading its socket for a while during a flood (TCP backpressure only).
/// </summary>
internal static class MemoryScenario
{
    /// <summary>About 50 MB of output (37.5 MB of random bytes as base64 lines of 120 characters).</summary>
    public const string FloodCommand = "head -c 37500000 /dev/urandom | base64 -w 120";

    public sealed record IdleResult(long RssBytes, int Threads, MemoryMap Map);

    public sealed record StallResult(double MegaBytes, long RssBefore, long RssPeak, long RssAtStallEnd, long RssAfter, long ReceivedAtStall, long ReceivedAtStallEnd)
    {
        /// <summary>Methods the server's JIT compiled during the flood: a first flood's growth that is start-up shows here.</summary>
        public double JitMethods { get; init; }

        /// <summary>Bytes the server allocated (managed) per byte of the flood.</summary>
        public double AllocMbPerMb { get; init; }

        /// <summary>The mappings before the flood and at its RSS peak (what grew: GC heap, code, native heap).</summary>
        public (MemoryMap Before, MemoryMap Peak)? Maps { get; init; }

        public long PeakGrowth => RssPeak - RssBefore;
    }

    /// <summary>A second server with the same settings and environment, started on a fresh data directory (so it
    /// applies every migration) and left alone for <paramref name="settle"/>: nobody logs in, nothing is opened. Then
    /// it is stopped and started again on the same data directory (a restart: the schema is current, nothing to
    /// migrate), and sampled after the same wait.</summary>
    public static async Task<(IdleResult First, IdleResult Restart)> IdleRssAsync(IEnumerable<string> serverArgs, IReadOnlyDictionary<string, string> environment, TimeSpan settle)
    {
        var dataDir = Directory.CreateTempSubdirectory("bastion-idle-").FullName;
        try
        {
            var first = await SampleIdleAsync(dataDir, serverArgs, environment, settle);
            var restart = await SampleIdleAsync(dataDir, serverArgs, environment, settle);
            return (first, restart);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<IdleResult> SampleIdleAsync(string dataDir, IEnumerable<string> serverArgs, IReadOnlyDictionary<string, string> environment, TimeSpan settle)
    {
        await using var idle = await BastionProcess.StartAsync(dataDir, serverArgs, timeout: TimeSpan.FromSeconds(180), environment: environment);
        await Task.Delay(settle);
        var (rss, threads) = idle.Sample();
        return new IdleResult(rss, threads, MemoryMap.Read(idle.ProcessId));
    }

    /// <summary>
    /// One session without flow control floods <see cref="FloodCommand"/>; after <paramref name="stallAfterBytes"/> units
    /// its client stops reading the socket for <paramref name="stall"/>, then reads the rest. The server's RSS is sampled
    /// every 50 ms throughout; <paramref name="attach"/> (a command with <c>{pid}</c>) runs against the server during
    /// the flood and is stopped with SIGINT after it.
    /// </summary>
    public static async Task<StallResult> FloodStalledAsync(BastionProcess bastion, string hostId, long stallAfterBytes, TimeSpan stall, string? attach = null)
    {
        await using var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow: false));
        await ThroughputScenario.WaitReadyAsync(terminal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (rssBefore, _) = bastion.Sample();
        var mapBefore = MemoryMap.Read(bastion.ProcessId);
        var peak = rssBefore;
        var mapPeak = mapBefore;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var rss = bastion.Sample().RssBytes;
                if (rss > peak)
                {
                    peak = rss;
                    mapPeak = MemoryMap.Read(bastion.ProcessId); // what the peak is made of (read only when it rises)
                }

                await Task.Delay(50);
            }
        });

        using var profiler = RelayScenario.Attach(attach, bastion.ProcessId);
        var jitBefore = await RelayScenario.JitMethodsAsync(bastion);
        var allocBefore = await RelayScenario.AllocatedBytesAsync(bastion);
        var done = terminal.WaitForMarkerAsync("FS-5-END");
        var start = terminal.Units;
        await terminal.SendInputAsync($"stty -echo; {FloodCommand}; echo FS-$((2+3))-END\r");
        await terminal.WaitForAsync(t => t.Units - start >= stallAfterBytes, "the first part of the flood", TimeSpan.FromSeconds(300));
        terminal.PauseReading(stall);
        var atStall = terminal.Units - start;
        await Task.Delay(stall - TimeSpan.FromMilliseconds(200));
        var (rssAtStallEnd, _) = bastion.Sample();
        var atStallEnd = terminal.Units - start;
        var end = await done;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await sampling.CancelAsync();
        await sampler;
        var (rssAfter, _) = bastion.Sample();
        var jit = await RelayScenario.JitMethodsAsync(bastion) - jitBefore;
        var alloc = await RelayScenario.AllocatedBytesAsync(bastion) - allocBefore;
        await RelayScenario.StopAsync(profiler);
        return new StallResult((end - start) / 1e6, rssBefore, peak, rssAtStallEnd, rssAfter, atStall, atStallEnd)
        {
            Maps = (mapBefore, mapPeak),
            JitMethods = jit,
            AllocMbPerMb = alloc / (end - start),
        };
    }
}

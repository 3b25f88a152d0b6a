using System.Diagnostics;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>Server RSS and threads with many sessions: idle ones (scale) and flooding ones whose client is stalled.</summary>
internal static class CapacityScenario
{
    public sealed record Result(int Sessions, int Failures, double OpenSeconds, long RssBefore, long RssAfter, int ThreadsBefore, int ThreadsAfter, int ThreadsAfterClose = 0)
    {
        public double RssPerSessionMiB => (RssAfter - RssBefore) / 1048576.0 / Math.Max(1, Sessions - Failures);

        public Wave? SecondWave { get; init; }

        /// <summary>Threads once they came back within 8 of the count before (or 60 s after closing), and when.</summary>
        public (int Threads, double Seconds)? ThreadsLater { get; init; }

        /// <summary>RSS per session of the second wave (KiB): the marginal cost of one more session.</summary>
        public double MarginalKb => SecondWave is { } w ? (RssAfter - w.RssBefore) / 1024.0 / Math.Max(1, w.Opened) : double.NaN;
    }

    /// <summary>
    /// Opens <paramref name="count"/> sessions (at most 32 connecting at once), each runs a small command, in two
    /// waves: the second half's RSS over the first half's is the marginal cost of a session, without what the first
    /// connections of a process leave behind once (compiled code, the GC heap's growth, pools).
    /// </summary>
    public static async Task<Result> ScaleAsync(BastionProcess bastion, string hostId, int count)
    {
        var (rssBefore, threadsBefore) = await SettledSampleAsync(bastion);
        var terminals = new TerminalClient?[count];
        var failures = 0;
        var half = count / 2;
        var start = Stopwatch.GetTimestamp();
        await OpenAsync(bastion, hostId, terminals, 0, half, () => Interlocked.Increment(ref failures));
        var failuresFirstHalf = failures;
        var (rssMid, _) = await SettledSampleAsync(bastion);
        var mapMid = MemoryMap.Read(bastion.ProcessId);
        await OpenAsync(bastion, hostId, terminals, half, count, () => Interlocked.Increment(ref failures));
        var openSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_SCALE_HOLD"), out var hold) && hold > 0)
        {
            // Time to take a heap dump of the open sessions: dotnet-gcdump collect -p PID (it forces a full GC).
            Console.Error.WriteLine($"  {count} sessions open in server {bastion.ProcessId}; holding {hold} s");
            await Task.Delay(TimeSpan.FromSeconds(hold));
        }

        var (rssAfter, threadsAfter) = await SettledSampleAsync(bastion);
        var mapAfter = MemoryMap.Read(bastion.ProcessId);
        await Task.WhenAll(terminals.Where(t => t is not null).Select(t => t!.DisposeAsync().AsTask()));
        var closed = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(3)); // every session's teardown, so leaked threads would show
        var (_, threadsAfterClose) = await SettledSampleAsync(bastion);
        // A slow teardown is not a leak: wait up to 60 s for the threads to come back near the count before.
        var threadsLater = threadsAfterClose;
        while (threadsLater > threadsBefore + 8 && Stopwatch.GetElapsedTime(closed) < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            threadsLater = bastion.Sample().Threads;
        }

        return new Result(count, failures, openSeconds, rssBefore, rssAfter, threadsBefore, threadsAfter, threadsAfterClose)
        {
            SecondWave = new Wave(count - half - (failures - failuresFirstHalf), rssMid, mapMid, mapAfter),
            ThreadsLater = (threadsLater, Stopwatch.GetElapsedTime(closed).TotalSeconds),
        };
    }

    /// <summary>The second wave of <see cref="ScaleAsync"/>: its sessions and the RSS before and after it.</summary>
    public sealed record Wave(int Opened, long RssBefore, MemoryMap MapBefore, MemoryMap MapAfter);

    private static async Task OpenAsync(BastionProcess bastion, string hostId, TerminalClient?[] terminals, int from, int to, Action failed)
    {
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(from, to - from).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow: true));
                terminals[i] = terminal;
                var ok = terminal.WaitForMarkerAsync("S-2-OK");
                await terminal.SendInputAsync("echo S-$((1+1))-OK\r");
                await ok.WaitAsync(TimeSpan.FromSeconds(120));
            }
            catch (Exception)
            {
                failed();
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>Sessions running <c>yes</c> whose client never acknowledges (flow) or never reads the socket at all.</summary>
    public static async Task<Result> StalledFloodAsync(BastionProcess bastion, string hostId, int count, bool readsButNeverAcks)
    {
        var (rssBefore, threadsBefore) = await SettledSampleAsync(bastion);
        var terminals = new List<TerminalClient>();
        for (var i = 0; i < count; i++)
        {
            var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow: readsButNeverAcks), ackRate: -1, read: readsButNeverAcks);
            terminals.Add(terminal);
            await Task.Delay(300); // no reader for "ready": give the shell time to start
            await terminal.SendInputAsync("yes\r");
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        var (rssAfter, threadsAfter) = await SettledSampleAsync(bastion);
        await Task.WhenAll(terminals.Select(t => t.DisposeAsync().AsTask()));
        return new Result(count, 0, 0, rssBefore, rssAfter, threadsBefore, threadsAfter);
    }

    private static async Task<(long, int)> SettledSampleAsync(BastionProcess bastion)
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        return bastion.Sample();
    }
}

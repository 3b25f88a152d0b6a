using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Screen;
using static Bastion.Bench.Stats;

namespace Bastion.Bench;

/// <summary>
/// <c>--only screen</c>: the screen model alone (issue 12, docs/PERFORMANCE.md "the screen model per MB, session 7").
/// Feeds a generated flood through one <see cref="ScreenTracker"/> in batches of the relay's size and prints the
/// process's CPU (user + system) per MB, the allocation per MB and a hash of the final snapshot (two builds that print
/// the same hash produced the same screen). No sshd, no server: it runs before either is started.
/// </summary>
internal static class ScreenScenario
{
    private const int Columns = 200;
    private const int Rows = 50;

    /// <summary>Runs the mode when the arguments are <c>--only screen [--runs N] [--screen-mb M] [--screen-batch CHARS]</c>.</summary>
    public static bool TryRun(string[] args)
    {
        var only = Array.IndexOf(args, "--only");
        if (only < 0 || only + 1 >= args.Length || args[only + 1] != "screen")
        {
            return false;
        }

        var runs = Value(args, "--runs", 5);
        var megaBytes = Value(args, "--screen-mb", 64);
        var batch = Value(args, "--screen-batch", 12_000);
        Console.WriteLine($"# Screen model benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        Console.WriteLine($"\n## `ScreenTracker.Append`, {Columns}x{Rows}, {megaBytes} MB per run in batches of {batch} chars, then one Snapshot\n");
        Console.WriteLine("| load | run | MB | CPU ms/MB (user + sys) | wall ms/MB | alloc bytes/MB | snapshot chars | snapshot SHA-256 (first 16) | load average |\n|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, text) in new[] { ("base64 -w 120", Base64Flood()), ("colour listing", ColourListing()), ("wide and combining", WideText()) })
        {
            Measure(text, batch, 16); // warm-up: the JIT's tiers settle before the measured runs
            for (var run = 1; run <= runs; run++)
            {
                var (cpu, wall, alloc, snapshot) = Measure(text, batch, megaBytes);
                var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)))[..16];
                Console.WriteLine($"| {name} | {run} | {megaBytes} | {F(cpu / megaBytes, 2)} | {F(wall / megaBytes, 2)} | {F(alloc / megaBytes, 0)} | {snapshot.Length} | {hash} | {RelayScenario.Load()} |");
            }
        }

        return true;
    }

    private static (double CpuMs, double WallMs, double AllocBytes, string Snapshot) Measure(string text, int batch, int megaBytes)
    {
        var tracker = new ScreenTracker(Columns, Rows);
        var target = (long)megaBytes * 1_000_000;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var alloc = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.StartNew();
        long fed = 0;
        while (fed < target)
        {
            for (var position = 0; position < text.Length && fed < target; position += batch)
            {
                var length = Math.Min(batch, text.Length - position);
                tracker.Append(text.AsSpan(position, length));
                fed += length;
            }
        }

        var snapshot = tracker.Snapshot();
        wall.Stop();
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMilliseconds, wall.Elapsed.TotalMilliseconds,
            GC.GetAllocatedBytesForCurrentThread() - alloc, snapshot);
    }

    /// <summary>What <c>head -c N /dev/urandom | base64 -w 120</c> prints through a PTY (onlcr: CR LF), 4 MB.</summary>
    private static string Base64Flood()
    {
        var random = new Random(12);
        var bytes = new byte[90];
        var text = new StringBuilder(4_100_000);
        while (text.Length < 4_000_000)
        {
            random.NextBytes(bytes);
            text.Append(Convert.ToBase64String(bytes)).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>Short lines with a colour change every word, as <c>ls --color=always -l</c> prints them, 4 MB.</summary>
    private static string ColourListing()
    {
        var random = new Random(13);
        var text = new StringBuilder(4_100_000);
        while (text.Length < 4_000_000)
        {
            text.Append("-rw-r--r-- 1 user group ").Append(random.Next(100, 99999).ToString(CultureInfo.InvariantCulture))
                .Append(" Dec  2 19:51 \u001b[01;3").Append(random.Next(1, 7).ToString(CultureInfo.InvariantCulture)).Append('m')
                .Append("file-").Append(random.Next().ToString("x", CultureInfo.InvariantCulture)).Append("\u001b[0m")
                .Append(random.Next(4) == 0 ? " -> \u001b[01;36mtarget\u001b[0m" : "").Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>Lines of CJK (two cells each) and accented Latin with combining marks, 4 MB.</summary>
    private static string WideText()
    {
        var text = new StringBuilder(4_100_000);
        var line = 0;
        while (text.Length < 4_000_000)
        {
            text.Append(line++ % 2 == 0 ? string.Concat(Enumerable.Repeat("漢字テキスト", 12)) : string.Concat(Enumerable.Repeat("cafe\u0301 ", 20))).Append("\r\n");
        }

        return text.ToString();
    }

    private static int Value(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

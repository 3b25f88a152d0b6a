using System.Text;
using Bastion.Core.Recording;
using Xunit.Abstractions;

namespace Bastion.Tests.Audit;

/// <summary>
/// Issue 12: what the recorder's writer allocates per MB of output it records: the command log's tracker and the cast
/// writer, as the writer task runs them, on this thread (the runtime's per-thread counter, so other tests do not count).
/// The bench's flood: coloured base64 lines of 120 characters, in batches of about 16 KiB. The tracker made a string
/// of every output line to look for an echo nobody waited for: 2.6 bytes allocated per byte recorded, most of the
/// relay's allocation per MB.
/// </summary>
public sealed class RecorderAllocationTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Bytes allocated per byte recorded, over a measured pass that starts with a typed line waiting for its
    /// echo: 0.018 seen in echo mode (the 200 lines it waits through, <see cref="CommandLineTracker.MaxPendingLines"/>,
    /// cost about 720 bytes each, the line's string the echo is looked for in; 144 KB over 7.8 MB), 0.0003 once nothing
    /// waits and in input mode; 2.6 before the tracker's fix, which made that string of every line.</summary>
    private const double BytesPerByteBound = 0.03;

    private readonly string _dir = Directory.CreateTempSubdirectory("recorder-alloc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RecordingAFlood_AllocatesAlmostNothingPerMB(bool recordInput)
    {
        var batches = Flood(seed: 5, batches: 8 * 64);
        await using var cast = new AsciicastWriter(Path.Combine(_dir, $"{recordInput}.cast"));
        var tracker = new CommandLineTracker(fromInput: recordInput) { Columns = 120 };
        cast.WriteHeader(120, 40, DateTimeOffset.UnixEpoch, "flood");
        tracker.OnInput("head -c 50000000 /dev/urandom | base64 -w 120\r"); // typed, never echoed: it waits for 200 lines

        // A first pass warms up what is allocated once (the JIT, the pools, the tracker's builders).
        Record(tracker, cast, batches.Take(64));
        await cast.FlushAsync().WithTimeout();

        // The warm-up's 8,320 lines outlived the first typed line (CommandLineTracker.MaxPendingLines): typed again,
        // the measured pass starts where a typed line waits for its echo, and every line it waits through is looked
        // at (echo mode) until it expires.
        tracker.OnInput("head -c 50000000 /dev/urandom | base64 -w 120\r");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var bytes = Record(tracker, cast, batches.Skip(64));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await cast.FlushAsync().WithTimeout();

        var perByte = (double)allocated / bytes;
        output.WriteLine($"{allocated:N0} bytes allocated recording {bytes:N0} bytes: {perByte:F4} per byte");
        Assert.True(perByte <= BytesPerByteBound, $"{perByte:F4} bytes allocated per byte recorded (bound {BytesPerByteBound})");
    }

    private static long Record(CommandLineTracker tracker, AsciicastWriter cast, IEnumerable<string> batches)
    {
        var start = cast.Written;
        var offset = 0.0;
        foreach (var batch in batches)
        {
            tracker.OnOutput(batch);
            cast.WriteEvent(offset += 0.001, 'o', batch.AsSpan());
        }

        return cast.Written - start;
    }

    private static List<string> Flood(int seed, int batches)
    {
        var random = new Random(seed);
        var bytes = new byte[90];
        var list = new List<string>();
        var text = new StringBuilder();
        for (var i = 0; i < batches; i++)
        {
            text.Clear();
            for (var n = 0; n < 130; n++)
            {
                random.NextBytes(bytes);
                text.Append("\u001b[3").Append((i + n) % 8).Append('m').Append(Convert.ToBase64String(bytes)).Append("\r\n");
            }

            list.Add(text.ToString());
        }

        return list;
    }
}

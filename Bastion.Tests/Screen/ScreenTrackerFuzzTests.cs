using System.Text;
using Bastion.Core.Screen;

namespace Bastion.Tests.Screen;

/// <summary>
/// Random streams built from terminal fragments (every sequence the model handles, with random and extreme
/// parameters, split at random): the model must never throw on the output path, and its snapshots must still give
/// the screen headless xterm.js computes from the stream itself.
/// </summary>
public sealed class ScreenTrackerFuzzTests
{
    private static readonly string[] Finals = ["@", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "P",
        "S", "T", "X", "Z", "`", "a", "b", "d", "e", "f", "g", "h", "l", "m", "r", "s", "u", " q", "!p", "?h", "?l", "?J"];

    private static readonly int[] Modes = [1, 4, 6, 7, 9, 25, 45, 47, 66, 1000, 1002, 1003, 1004, 1006, 1016, 1047, 1048, 1049, 2004, 2026];

    [Fact]
    public void Append_RandomStreams_NeverThrows()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var stream = RandomStream(new Random(seed), 400);
            var tracker = new ScreenTracker(2 + (seed % 30), 1 + (seed % 9));
            ScreenRestore.FeedInPieces(tracker, stream, seed);
            if (seed % 7 == 0)
            {
                tracker.Resize(1 + (seed % 50), seed % 12);
                tracker.Append(stream);
            }

            Assert.NotNull(tracker.Snapshot());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Snapshot_RandomStream_RebuildsTheScreen(int seed)
    {
        var stream = RandomStream(new Random(seed), 600);
        await ScreenRestore.AssertAtCutsAsync(24, 8, stream, ScreenRestore.SpreadCuts(stream, 12), $"random stream {seed}");
    }

    private static string RandomStream(Random random, int fragments)
    {
        var text = new StringBuilder();
        for (var i = 0; i < fragments; i++)
        {
            switch (random.Next(12))
            {
                case 0 or 1 or 2:
                    text.Append("word"[..random.Next(1, 5)]).Append(random.Next(100));
                    break;
                case 3:
                    text.Append("\r\n");
                    break;
                case 4:
                    // Huge parameters only where xterm.js clamps them (it repeats REP, IL, SU and the like that often).
                    text.Append("\u001b[").Append(random.Next(30)).Append(';').Append(random.Next(30))
                        .Append(Finals[random.Next(Finals.Length)]);
                    text.Append("\u001b[99999999;").Append(random.Next(99999)).Append("ABCDGHfd"[random.Next(8)]);
                    break;
                case 5:
                    text.Append("\u001b[?").Append(Modes[random.Next(Modes.Length)]).Append(random.Next(2) == 0 ? 'h' : 'l');
                    break;
                case 6:
                    text.Append("\u001b[").Append(random.Next(110)).Append(";38;5;").Append(random.Next(256)).Append(";48;2;")
                        .Append(random.Next(256)).Append(';').Append(random.Next(256)).Append(";7;4:3m");
                    break;
                case 7:
                    text.Append(new[] { "漢", "e\u0301", "\U0001F600", "\U0001D400", "\u2500", "\t", "\b", "\u000e", "\u000f" }[random.Next(9)]);
                    break;
                case 8:
                    text.Append(new[] { "\u001b7", "\u001b8", "\u001bM", "\u001bD", "\u001bE", "\u001bH", "\u001b=", "\u001b>", "\u001b(0", "\u001b(B", "\u001b)0" }[random.Next(11)]);
                    break;
                case 9:
                    text.Append("\u001b]").Append(random.Next(3)).Append(";title ").Append(random.Next(1000)).Append(random.Next(2) == 0 ? "\u0007" : "\u001b\\");
                    break;
                case 10:
                    text.Append("\u001b[").Append(random.Next(1, 9)).Append(';').Append(random.Next(1, 9)).Append('r');
                    break;
                default:
                    text.Append(new[] { "\u001b[2J", "\u001b[H", "\u001b[K", "\u001b[3L", "\u001b[2M", "\u001b[4@", "\u001b[3P", "\u001b[5X", "\u001b[2b", "\u0018" }[random.Next(10)]);
                    break;
            }
        }

        return text.ToString();
    }
}

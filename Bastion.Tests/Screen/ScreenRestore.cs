using Bastion.Core.Screen;

namespace Bastion.Tests.Screen;

/// <summary>
/// The property every screen-restore test asserts, through headless xterm.js: for a cut point k of a stream, the
/// snapshot taken after feeding the first k characters gives the screen of a client that saw those k characters,
/// and the snapshot followed by the rest of the stream gives the screen of a client that saw all of it.
/// </summary>
internal static class ScreenRestore
{
    /// <summary>Feeds <paramref name="text"/> in pieces of pseudo-random sizes (1..64), so sequences split everywhere.</summary>
    public static void FeedInPieces(ScreenTracker tracker, string text, int seed)
    {
        var random = new Random(seed);
        var position = 0;
        while (position < text.Length)
        {
            var length = Math.Min(text.Length - position, random.Next(1, 65));
            tracker.Append(text.AsSpan(position, length));
            position += length;
        }
    }

    public static string SnapshotAfter(int columns, int rows, string text, int seed = 1, ScreenTrackerOptions? options = null)
    {
        var tracker = new ScreenTracker(columns, rows, options);
        FeedInPieces(tracker, text, seed);
        return tracker.Snapshot();
    }

    /// <summary>Asserts both halves of the property at every cut point in <paramref name="cuts"/>.</summary>
    public static async Task AssertAtCutsAsync(int columns, int rows, string stream, IEnumerable<int> cuts, string because)
    {
        var cutList = cuts.Distinct().Order().ToList();
        var streams = new List<string> { stream };
        foreach (var cut in cutList)
        {
            var snapshot = SnapshotAfter(columns, rows, stream[..cut], seed: cut);
            streams.Add(stream[..cut]);
            streams.Add(snapshot);
            streams.Add(snapshot + stream[cut..]);
        }

        var screens = await HeadlessScreen.RenderAsync(columns, rows, streams);
        for (var i = 0; i < cutList.Count; i++)
        {
            HeadlessScreen.AssertSame(screens[1 + (3 * i)], screens[2 + (3 * i)], $"{because}: snapshot at {cutList[i]} of {stream.Length}");
            HeadlessScreen.AssertSame(screens[0], screens[3 + (3 * i)], $"{because}: snapshot at {cutList[i]} + the rest");
        }
    }

    /// <summary>Evenly spread cut points plus the end of the stream.</summary>
    public static IEnumerable<int> SpreadCuts(string stream, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            yield return (int)((long)stream.Length * i / (count + 1));
        }

        yield return stream.Length;
    }
}

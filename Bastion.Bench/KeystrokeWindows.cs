using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Bastion.Bench;

/// <summary>Each measured keystroke's start and end on the monotonic clock (nanoseconds, the clock of
/// <c>perf record -k CLOCK_MONOTONIC</c>), so a system trace of the run can be cut into keystrokes
/// (<c>tools/echo_stages.py</c>; issue 12, the keystroke tail).</summary>
internal sealed class KeystrokeWindows(string path)
{
    private readonly StringBuilder _lines = new("path\tindex\tstart_ns\tend_ns\n");

    /// <summary>One keystroke that started at <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp) and ends now.</summary>
    public void Add(string label, int index, long start)
    {
        var end = Stopwatch.GetTimestamp();
        _lines.Append(CultureInfo.InvariantCulture, $"{label}\t{index}\t{Nanoseconds(start)}\t{Nanoseconds(end)}\n");
    }

    /// <summary>Writes the file and returns its path.</summary>
    public string Save()
    {
        File.WriteAllText(path, _lines.ToString());
        return path;
    }

    private static long Nanoseconds(long timestamp) => (long)(timestamp * (1e9 / Stopwatch.Frequency));
}

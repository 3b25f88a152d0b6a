using System.Globalization;

namespace Bastion.Bench;

/// <summary>
/// A process's resident memory by kind of mapping, summed from <c>/proc/PID/smaps</c>: what an RSS figure is made of
/// (issue 12, docs/PERFORMANCE.md "Memory"). Kilobytes, as the kernel reports them.
/// </summary>
internal sealed record MemoryMap(long TotalKb, long AnonymousKb, long FilesKb, long IcuKb, long CodeHeapKb, long NativeHeapKb, long OtherAnonymousKb)
{
    /// <summary>One reading of <c>/proc/<paramref name="pid"/>/smaps</c>.</summary>
    public static MemoryMap Read(int pid)
    {
        long total = 0, anonymous = 0, files = 0, icu = 0, code = 0, heap = 0, other = 0;
        var name = "";
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            if (IsMappingHeader(line))
            {
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                name = fields.Length > 5 ? fields[5].Trim() : "";
                continue;
            }

            if (line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                anonymous += Kb(line);
                continue;
            }

            if (!line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                continue;
            }

            var kb = Kb(line);
            total += kb;
            if (name.StartsWith("/memfd:doublemapper", StringComparison.Ordinal))
            {
                code += kb; // the runtime's executable and loader memory (W^X double mapping)
            }
            else if (name == "[heap]")
            {
                heap += kb;
            }
            else if (name.Contains("libicu", StringComparison.Ordinal))
            {
                icu += kb;
            }
            else if (name.StartsWith('/'))
            {
                files += kb;
            }
            else
            {
                other += kb; // the GC heap, thread stacks, malloc's other arenas, the JIT's memory
            }
        }

        return new MemoryMap(total, anonymous, files, icu, code, heap, other);
    }

    /// <summary>A Markdown row: total, mapped files, ICU, the runtime's code/loader memory, native heap, other anonymous (MiB).</summary>
    public string Row() => string.Join(" | ", new[] { TotalKb, FilesKb, IcuKb, CodeHeapKb, NativeHeapKb, OtherAnonymousKb }.Select(MiB));

    public const string Header = "RSS | mapped files | ICU | runtime code + loader (doublemapper) | native heap | other anonymous (GC heap, stacks, arenas)";

    /// <summary>The difference per unit (e.g. per session), in KiB: after minus before, divided by <paramref name="units"/>.</summary>
    public static string PerUnitKb(MemoryMap before, MemoryMap after, int units)
    {
        string D(Func<MemoryMap, long> f) => ((f(after) - f(before)) / (double)Math.Max(1, units)).ToString("0.0", CultureInfo.InvariantCulture);
        return $"{D(m => m.TotalKb)} KiB ({D(m => m.OtherAnonymousKb)} other anonymous, {D(m => m.NativeHeapKb)} native heap, {D(m => m.CodeHeapKb)} code, {D(m => m.FilesKb + m.IcuKb)} files)";
    }

    private static string MiB(long kb) => (kb / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static long Kb(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);

    /// <summary>A mapping's first line starts with its address range ("7f12...-7f13... r-xp ..."); the fields that
    /// follow it start with a name and a colon ("Rss:").</summary>
    private static bool IsMappingHeader(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? line.AsSpan() : line.AsSpan(0, space);
        return first.Contains('-') && !first.Contains(':');
    }
}

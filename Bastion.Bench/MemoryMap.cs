using System.Globalization;

namespace Bastion.Bench;

/// <summary>
/// A process's resident memory by kind of mapping, summed from <c>/proc/PID/smaps</c>: what an RSS figure is made of
/// (issue 12, docs/PERFORMANCE.md "Memory"). Kilobytes, as the kernel reports them.
/// </summary>
internal sealed record MemoryMap(long TotalKb, long AnonymousKb, long FilesKb, long IcuKb, long CodeHeapKb, long NativeHeapKb, long OtherAnonymousKb)
{
    /// <summary>glibc's arenas other than the main one are heaps of at most 64 MiB, each aligned to its size.</summary>
    private const long ArenaBytes = 64L * 1024 * 1024;

    /// <summary>One reading of <c>/proc/<paramref name="pid"/>/smaps</c>.</summary>
    public static MemoryMap Read(int pid)
    {
        var vmas = new List<Vma>();
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            if (IsMappingHeader(line))
            {
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                var range = fields[0].Split('-');
                vmas.Add(new Vma(
                    long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    fields[1], fields.Length > 5 ? fields[5].Trim() : ""));
            }
            else if (vmas.Count > 0 && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                vmas[^1].RssKb = Kb(line);
            }
            else if (vmas.Count > 0 && line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                vmas[^1].AnonymousKb = Kb(line);
            }
        }

        long total = 0, anonymous = 0, files = 0, icu = 0, code = 0, heap = 0, other = 0;
        for (var i = 0; i < vmas.Count; i++)
        {
            var v = vmas[i];
            total += v.RssKb;
            anonymous += v.AnonymousKb;
            if (v.Name.StartsWith("/memfd:doublemapper", StringComparison.Ordinal))
            {
                code += v.RssKb; // the runtime's executable and loader memory (W^X double mapping)
            }
            else if (v.Name == "[heap]" || IsArena(v, i + 1 < vmas.Count ? vmas[i + 1] : null))
            {
                heap += v.RssKb; // malloc: the main arena and the others (OpenSSL, SQLite, the runtime's native side)
            }
            else if (v.Name.Contains("libicu", StringComparison.Ordinal))
            {
                icu += v.RssKb;
            }
            else if (v.Name.StartsWith('/'))
            {
                files += v.RssKb;
            }
            else
            {
                other += v.RssKb; // the GC heap, thread stacks, the JIT's and the runtime's own reservations
            }
        }

        return new MemoryMap(total, anonymous, files, icu, code, heap, other);
    }

    /// <summary>An arena's used part: anonymous, read-write, at a 64 MiB boundary, the rest of its 64 MiB reserved
    /// (<c>---p</c>) or all of it in use.</summary>
    private static bool IsArena(Vma v, Vma? next) =>
        v.Name.Length == 0 && v.Permissions == "rw-p" && v.Start % ArenaBytes == 0
        && (v.End - v.Start == ArenaBytes || next is { Name.Length: 0, Permissions: "---p" } && next.Start == v.End && next.End == v.Start + ArenaBytes);

    private sealed record Vma(long Start, long End, string Permissions, string Name)
    {
        public long RssKb { get; set; }

        public long AnonymousKb { get; set; }
    }

    /// <summary>A Markdown row: total, mapped files, ICU, the runtime's code/loader memory, native heap, other anonymous (MiB).</summary>
    public string Row() => string.Join(" | ", new[] { TotalKb, FilesKb, IcuKb, CodeHeapKb, NativeHeapKb, OtherAnonymousKb }.Select(MiB));

    public const string Header = "RSS | mapped files | ICU | runtime code + loader (doublemapper) | malloc (all arenas) | other anonymous (GC heap, stacks)";

    /// <summary>The difference per unit (e.g. per session), in KiB: after minus before, divided by <paramref name="units"/>.</summary>
    public static string PerUnitKb(MemoryMap before, MemoryMap after, int units)
    {
        string D(Func<MemoryMap, long> f) => ((f(after) - f(before)) / (double)Math.Max(1, units)).ToString("0.0", CultureInfo.InvariantCulture);
        return $"{D(m => m.TotalKb)} KiB ({D(m => m.OtherAnonymousKb)} other anonymous (GC heap, stacks), {D(m => m.NativeHeapKb)} malloc, {D(m => m.CodeHeapKb)} code, {D(m => m.FilesKb + m.IcuKb)} files)";
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

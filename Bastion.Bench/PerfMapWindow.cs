using System.Text.RegularExpressions;

namespace Bastion.Bench;

/// <summary>
/// Which methods the server's JIT compiled during a stretch of a run (issue 12, the echo tail): the lines the runtime
/// appended to its perf map (<c>/tmp/perf-PID.map</c>, written when the server runs with <c>DOTNET_PerfMapEnabled=1</c>
/// or <c>3</c>) between <see cref="Open"/> and <see cref="Close"/>. Each line of jitted code ends in its tier
/// (<c>[QuickJitted]</c>, <c>[InstrumentedTier]</c>, <c>[OptimizedTier1]</c>, <c>[OptimizedTier1OSR]</c>, …); the
/// runtime's own stubs (call counting, precode) are lines of kind <c>stub</c>.
/// </summary>
internal sealed partial class PerfMapWindow
{
    private readonly string _path;
    private readonly long _start;

    private PerfMapWindow(string path, long start)
    {
        _path = path;
        _start = start;
    }

    /// <summary>Null when the server writes no perf map.</summary>
    public static PerfMapWindow? Open(int pid)
    {
        var path = $"/tmp/perf-{pid}.map";
        return File.Exists(path) ? new PerfMapWindow(path, new FileInfo(path).Length) : null;
    }

    /// <summary>The lines appended since <see cref="Open"/>, written to <paramref name="listPath"/>, and a summary:
    /// counts by tier and the assemblies with most methods.</summary>
    public IReadOnlyList<string> Close(string listPath)
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Position = _start;
        var lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        File.WriteAllLines(listPath, lines);
        var parsed = lines.Select(Parse).ToList();
        var methods = parsed.Where(p => !p.Tier.StartsWith("stub", StringComparison.Ordinal)).ToList();
        var summary = new List<string>
        {
            $"perf map: {methods.Count} methods and {parsed.Count - methods.Count} stubs during the run (list: {listPath})",
            "  by tier: " + string.Join(", ", parsed.GroupBy(p => p.Tier).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")),
            "  by assembly: " + string.Join(", ", methods.GroupBy(p => p.Assembly).OrderByDescending(g => g.Count()).Take(12).Select(g => $"{g.Key} {g.Count()}")),
        };
        return summary;
    }

    private static (string Tier, string Assembly) Parse(string line)
    {
        // "ADDRESS SIZE NAME", NAME = "stub KIND<...>" or "[retType] [Assembly] Namespace.Type::Method(args)[Tier]".
        var name = line.Split(' ', 3) is [_, _, var rest] ? rest : line;
        if (name.StartsWith("stub ", StringComparison.Ordinal))
        {
            return (StubKind().Match(name) is { Success: true } k ? "stub " + k.Groups[1].Value : "stub", "");
        }

        var tier = TierSuffix().Match(name) is { Success: true } t ? t.Groups[1].Value : "untiered";
        var assembly = AssemblyName().Match(name) is { Success: true } a ? a.Groups[1].Value : "?";
        return (tier, assembly);
    }

    [GeneratedRegex(@"<([A-Za-z0-9_]+)>$")]
    private static partial Regex StubKind();

    [GeneratedRegex(@"\[([A-Za-z0-9]+)\]$")]
    private static partial Regex TierSuffix();

    // The method's own assembly: the bracketed name right before "Namespace.Type::Method".
    [GeneratedRegex(@"\[([^\]\s]+)\] [^\s\[]+::")]
    private static partial Regex AssemblyName();
}

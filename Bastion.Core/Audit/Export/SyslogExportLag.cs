using System.Collections.Concurrent;

namespace Bastion.Core.Audit.Export;

/// <summary>The exporters of this process (one per running host; tests run several), so <c>bastion.audit.syslog.lag</c>
/// can sum their lag when it is read.</summary>
internal static class SyslogExportLag
{
    private static readonly ConcurrentDictionary<SyslogExportStatus, byte> Running = new();

    public static void Add(SyslogExportStatus status) => Running.TryAdd(status, 0);

    public static void Remove(SyslogExportStatus status) => Running.TryRemove(status, out _);

    public static long Events() => Running.Keys.Sum(s => s.Lag);
}

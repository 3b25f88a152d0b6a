namespace Bastion.Core.Audit.Export;

/// <summary>The exporter's progress as the health check and the metrics read it (written by the exporter only).</summary>
internal sealed class SyslogExportStatus
{
    private long _cursor;
    private long _head;
    private int _state;

    public SyslogExportState State
    {
        get => (SyslogExportState)Volatile.Read(ref _state);
        set => Volatile.Write(ref _state, (int)value);
    }

    /// <summary>The last sequence delivered.</summary>
    public long Cursor
    {
        get => Interlocked.Read(ref _cursor);
        set => Interlocked.Exchange(ref _cursor, value);
    }

    /// <summary>The newest sequence the exporter has seen in the store.</summary>
    public long Head
    {
        get => Interlocked.Read(ref _head);
        set => Interlocked.Exchange(ref _head, value);
    }

    /// <summary>Events in the store not yet delivered (0 while on standby: the exporting node reports its own).</summary>
    public long Lag => State is SyslogExportState.Disabled or SyslogExportState.Standby ? 0 : Math.Max(0, Head - Cursor);
}

namespace Bastion.Core.Audit.Export;

/// <summary>What the export is doing, for health and metrics.</summary>
internal enum SyslogExportState
{
    Disabled,

    /// <summary>Another node holds the export lease (or this one is waiting for it).</summary>
    Standby,

    Connecting,

    Connected,

    /// <summary>The last attempt to connect or send failed; waiting to try again.</summary>
    Failing,
}

namespace Bastion.Core.Audit.Export;

/// <summary>The header values every message shares, checked and cleaned once from <see cref="SyslogOptions"/>.</summary>
internal sealed record SyslogFormat(int Facility, string Hostname, string AppName, int EnterpriseId, int MaxMessageBytes)
{
    public static SyslogFormat From(SyslogOptions options) => new(
        SyslogFacility.Parse(options.Facility) ?? throw new ArgumentException($"unknown facility {options.Facility}", nameof(options)),
        SyslogMessage.HeaderField(string.IsNullOrWhiteSpace(options.Hostname) ? Environment.MachineName : options.Hostname, 255),
        SyslogMessage.HeaderField(options.AppName, 48),
        options.EnterpriseId,
        options.MaxMessageBytes);
}

using Bastion.Core.Audit.Export;
using Microsoft.Extensions.Options;

namespace Bastion.Web.AuditApi.Syslog;

/// <summary>Refuses an export the exporter could not run, at start, naming the setting, its value and what it takes.</summary>
internal sealed class SyslogOptionsValidator : IValidateOptions<SyslogOptions>
{
    public ValidateOptionsResult Validate(string? name, SyslogOptions o)
    {
        if (!o.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        const string S = SyslogOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            failures.Add($"{S}:Host is empty; set the collector's host name or address (or {S}:Enabled=false).");
        }

        if (o.Port is < 1 or > 65535)
        {
            failures.Add($"{S}:Port is {o.Port}; it must be 1-65535 (6514 for TLS, RFC 5425).");
        }

        if (SyslogFacility.Parse(o.Facility) is null)
        {
            failures.Add($"{S}:Facility is '{o.Facility}'; it must be a number 0-23 or one of {SyslogFacility.Known}.");
        }

        if (!IsPrintable(o.AppName, 48))
        {
            failures.Add($"{S}:AppName is '{o.AppName}'; it must be 1-48 printable ASCII characters without spaces (RFC 5424 APP-NAME).");
        }

        if (!string.IsNullOrEmpty(o.Hostname) && !IsPrintable(o.Hostname, 255))
        {
            failures.Add($"{S}:Hostname is '{o.Hostname}'; it must be 1-255 printable ASCII characters without spaces (RFC 5424 HOSTNAME).");
        }

        if (o.EnterpriseId <= 0)
        {
            failures.Add($"{S}:EnterpriseId is {o.EnterpriseId}; it must be a private enterprise number (positive; 32473 is the documentation example).");
        }

        if (o.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{S}:BatchSize is {o.BatchSize}; it must be 1-10000.");
        }

        if (o.MaxMessageBytes is < 480 or > 65_536)
        {
            failures.Add($"{S}:MaxMessageBytes is {o.MaxMessageBytes}; it must be 480 (what every RFC 5424 receiver takes) to 65536.");
        }

        Positive(failures, nameof(o.PollInterval), o.PollInterval);
        Positive(failures, nameof(o.ReconnectMinDelay), o.ReconnectMinDelay);
        Positive(failures, nameof(o.SendTimeout), o.SendTimeout);
        if (o.ReconnectMaxDelay < o.ReconnectMinDelay || o.ReconnectMaxDelay > TimeSpan.FromHours(1))
        {
            failures.Add($"{S}:ReconnectMaxDelay is {o.ReconnectMaxDelay}; it must be at least ReconnectMinDelay ({o.ReconnectMinDelay}) and at most 01:00:00.");
        }

        if (!o.Tls && (!string.IsNullOrWhiteSpace(o.CaFile) || !string.IsNullOrWhiteSpace(o.ServerName)))
        {
            failures.Add($"{S}:CaFile and {S}:ServerName check the collector's certificate and need {S}:Tls=true.");
        }
        else if (SyslogTrust.Load(o).Error is { } error)
        {
            failures.Add(error);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsPrintable(string? value, int max) =>
        !string.IsNullOrEmpty(value) && value.Length <= max && value.All(c => c is > ' ' and <= '~');

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
        {
            failures.Add($"{SyslogOptions.SectionName}:{setting} is {value}; it must be more than 00:00:00 and at most 01:00:00.");
        }
    }
}

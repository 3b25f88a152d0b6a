namespace Bastion.Core.Audit.Export;

/// <summary>RFC 5424 §6.2.1 facility codes by their usual names (as rsyslog and syslog.conf spell them).</summary>
internal static class SyslogFacility
{
    private static readonly string[] Names =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp",
        "audit", "alert", "clock", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    /// <summary>The code of a facility name or number, or null when it is neither.</summary>
    public static int? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 0 and < 24 ? number : null;
        }

        var index = Array.FindIndex(Names, n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : null;
    }

    public static string Known => string.Join(", ", Names);
}

using System.Security.Cryptography;
using Bastion.Core.Inventory.Import;
using Bastion.Core.Ssh;

namespace Bastion.Web.Inventory;

/// <summary>Reads OpenSSH <c>known_hosts</c> and <c>ssh-keyscan</c> lines: <c>host[,host...] type base64 [comment]</c>,
/// where a host is <c>name</c> (port 22) or <c>[name]:port</c>. Hashed names (<c>|1|...</c>), markers
/// (<c>@cert-authority</c>, <c>@revoked</c>) and comments are skipped.</summary>
internal static class KnownHostsParser
{
    public static List<KnownHostKey> Parse(string text)
    {
        var entries = new List<KnownHostKey>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '@' or '|')
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3 || !TryFingerprint(parts[2], out var fingerprint))
            {
                continue;
            }

            foreach (var name in parts[0].Split(','))
            {
                if (TryParseHost(name, out var address, out var port))
                {
                    entries.Add(new KnownHostKey(address, port, parts[1], fingerprint));
                }
            }
        }

        return entries;
    }

    private static bool TryParseHost(string value, out string address, out int port)
    {
        address = value;
        port = 22;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0 || !int.TryParse(value.AsSpan(close + 2), out port))
            {
                return false;
            }

            address = value[1..close];
        }

        return address.Length > 0 && !address.Contains('*') && !address.Contains('?') && !address.StartsWith('!');
    }

    private static bool TryFingerprint(string base64, out string fingerprint)
    {
        fingerprint = "";
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written < 16)
        {
            return false;
        }

        fingerprint = HostKeyFingerprint.Compute(buffer.AsSpan(0, written));
        return true;
    }

    /// <summary>SHA-256 of the key blob, for tests that compare with <c>ssh-keygen -lf</c>.</summary>
    public static string FingerprintOf(byte[] blob) => HostKeyFingerprint.Prefix + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
}

using System.Security.Cryptography;

namespace Bastion.Core.Ssh;

/// <summary>OpenSSH's fingerprint form, as printed by <c>ssh-keygen -lf</c>: <c>SHA256:</c> + unpadded base64.</summary>
internal static class HostKeyFingerprint
{
    public const string Prefix = "SHA256:";

    public static string Compute(ReadOnlySpan<byte> hostKeyBlob) =>
        Prefix + Convert.ToBase64String(SHA256.HashData(hostKeyBlob)).TrimEnd('=');

    /// <summary>Accepts what an admin pastes: with or without the prefix, with or without base64 padding.
    /// Returns null when the value is not a SHA-256 fingerprint.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var body = value.Trim();
        if (body.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            body = body[Prefix.Length..];
        }

        body = body.TrimEnd('=');
        Span<byte> hash = stackalloc byte[48];
        var padded = body + new string('=', (4 - (body.Length % 4)) % 4);
        return Convert.TryFromBase64String(padded, hash, out var written) && written == 32 ? Prefix + body : null;
    }

    public static bool Matches(string pinned, string actual) =>
        string.Equals(Normalize(pinned), actual, StringComparison.Ordinal);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Web.Sessions;

/// <summary>
/// How one node vouches to another for a proxied attach (issue 10): the <see cref="Header"/> carries the user, the
/// client's address and an expiry, MACed with HMAC-SHA256 under a key derived from the JWT signing key that every node
/// shares. The node the browser reached has already checked the Origin, the ticket (or bearer) and that the user is
/// enabled; the owning node checks the MAC and then decides who may attach exactly as for a browser of its own.
/// </summary>
internal sealed class NodeCredentials
{
    public const string Header = "X-Bastion-Node-Auth";

    /// <summary>A signed header is good this long: enough for one connect on a loaded machine, too short to replay later.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public NodeCredentials(SymmetricSecurityKey signingKey, TimeProvider time)
    {
        _key = HMACSHA256.HashData(signingKey.Key, "bastion node-to-node attach v1"u8);
        _time = time;
    }

    public string Sign(string sessionId, string mode, Guid userId, string? clientAddress)
    {
        var expires = (_time.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var address = Base64UrlEncoder.Encode(clientAddress ?? "");
        var mac = Mac(sessionId, mode, userId.ToString("N"), expires, address);
        return $"{userId:N}.{expires}.{address}.{mac}";
    }

    /// <summary>The user and client address a valid header vouches for; null for a forged, stale or foreign one.</summary>
    public (Guid UserId, string? ClientAddress)? Verify(string header, string sessionId, string mode)
    {
        if (header.Length > 512 || header.Split('.') is not [var user, var expires, var address, var mac]
            || !Guid.TryParseExact(user, "N", out var userId)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var expected = Mac(sessionId, mode, user, expires, address);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(mac))
            || DateTimeOffset.FromUnixTimeSeconds(seconds) < _time.GetUtcNow())
        {
            return null;
        }

        var ip = Base64UrlEncoder.Decode(address);
        return (userId, ip.Length == 0 ? null : ip);
    }

    private string Mac(string sessionId, string mode, string user, string expires, string address) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{sessionId}\n{mode}\n{user}\n{expires}\n{address}")));
}

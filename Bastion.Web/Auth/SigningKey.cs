using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Files;
using Bastion.Web.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Web.Auth;

/// <summary>The HMAC key that signs access tokens: from configuration, or generated on first start and persisted
/// (owner-only) in the data directory so tokens survive a restart; with <c>shared</c> (PostgreSQL) generated
/// once in the database instead, so every node signs and validates with the same key.</summary>
internal static class SigningKey
{
    public static SymmetricSecurityKey Load(string? configured, string dataDir, SharedSecrets? shared = null)
    {
        byte[] bytes;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            bytes = Convert.FromBase64String(configured);
        }
        else if (shared is not null)
        {
            bytes = shared.GetOrCreate(SharedSecrets.JwtSigningKey, () => RandomNumberGenerator.GetBytes(64));
        }
        else
        {
            // Written atomically and checked on load (issue 13): a write cut off by a full disk must not leave a
            // short key that is then used.
            var path = Path.Combine(dataDir, "jwt-signing.key");
            if (!File.Exists(path))
            {
                AtomicFile.Write(path, Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))));
            }

            bytes = AtomicFile.ReadKey(path, 32, raw => Convert.FromBase64String(Encoding.ASCII.GetString(raw).Trim()));
        }

        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
    }
}

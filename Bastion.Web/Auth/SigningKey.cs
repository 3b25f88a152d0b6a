using System.Security.Cryptography;
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
            var path = Path.Combine(dataDir, "jwt-signing.key");
            if (File.Exists(path))
            {
                bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
            }
            else
            {
                Directory.CreateDirectory(dataDir);
                bytes = RandomNumberGenerator.GetBytes(64);
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var writer = new StreamWriter(path, options);
                writer.Write(Convert.ToBase64String(bytes));
            }
        }

        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
    }
}

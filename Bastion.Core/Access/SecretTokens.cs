using System.Security.Cryptography;
using System.Text;

namespace Bastion.Core.Access;

/// <summary>Random bearer secrets (refresh tokens, API tokens) and their stored form. 256 random bits need no slow
/// hash: SHA-256 of the token is what the database keeps, so a copy of it hands out nothing usable.</summary>
internal static class SecretTokens
{
    /// <summary>The longest token accepted for hashing; anything longer is refused without work.</summary>
    public const int MaxLength = 200;

    public static string New(string prefix = "") =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

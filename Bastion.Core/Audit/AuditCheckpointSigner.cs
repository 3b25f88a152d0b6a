using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bastion.Core.Audit;

/// <summary>HMAC-SHA256 over a checkpoint's fields, with a key that never leaves the data directory.</summary>
internal sealed class AuditCheckpointSigner(byte[] key)
{
    /// <summary>The shortest key accepted: HMAC-SHA256's block of security (RFC 2104 §3: at least the hash length).</summary>
    public const int MinimumKeyBytes = 32;

    public const string FileName = "audit-checkpoint.key";

    /// <summary>Loads <c>audit-checkpoint.key</c> from <paramref name="dataDir"/>, creating it (atomically, owner-only)
    /// if missing. An existing file shorter than <see cref="MinimumKeyBytes"/> (a first write cut off by a full disk
    /// leaves 0 bytes) is refused with <see cref="Files.InvalidKeyFileException"/>, never used.</summary>
    public static AuditCheckpointSigner Load(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (!File.Exists(path))
        {
            Files.AtomicFile.Write(path, RandomNumberGenerator.GetBytes(MinimumKeyBytes));
        }

        return new AuditCheckpointSigner(Files.AtomicFile.ReadKey(path, MinimumKeyBytes));
    }

    public string Sign(AuditCheckpoint c) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Payload(c)));

    public bool IsValid(AuditCheckpoint c) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(c)), Encoding.ASCII.GetBytes(c.Signature));

    private static byte[] Payload(AuditCheckpoint c) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture, $"bastion-audit-checkpoint\n{c.FirstSequence}\n{c.PrevHash}\n{c.PrunedCount}\n{c.CreatedMs}"));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bastion.Core.Audit;

/// <summary>HMAC-SHA256 over a checkpoint's fields, with a key that never leaves the data directory.</summary>
internal sealed class AuditCheckpointSigner(byte[] key)
{
    /// <summary>Loads <c>audit-checkpoint.key</c> from <paramref name="dataDir"/>, creating it (owner-only) if missing.</summary>
    public static AuditCheckpointSigner Load(string dataDir)
    {
        var path = Path.Combine(dataDir, "audit-checkpoint.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDir);
            File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(32));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return new AuditCheckpointSigner(File.ReadAllBytes(path));
    }

    public string Sign(AuditCheckpoint c) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Payload(c)));

    public bool IsValid(AuditCheckpoint c) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(c)), Encoding.ASCII.GetBytes(c.Signature));

    private static byte[] Payload(AuditCheckpoint c) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture, $"bastion-audit-checkpoint\n{c.FirstSequence}\n{c.PrevHash}\n{c.PrunedCount}\n{c.CreatedMs}"));
}

using OtpNet;

namespace Bastion.Core.Access;

/// <summary>RFC 6238 TOTP with the parameters every authenticator app understands: SHA-1, 6 digits, 30 s steps, and
/// one step of clock drift either way (section 5.2). A code is accepted only for a step after the last one used, so a
/// code seen over a shoulder cannot be replayed within its window.</summary>
internal static class TotpCodes
{
    public const int SecretBytes = 20; // RFC 4226 section 4: 160 bits

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(SecretBytes));

    /// <summary>The <c>otpauth://</c> URI an authenticator app reads from the QR code.</summary>
    public static string EnrolmentUri(string secret, string issuer, string account) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={secret}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";

    /// <summary>The step the code matched, when it is a valid code later than <paramref name="lastUsedStep"/>.</summary>
    public static long? Verify(string secret, string code, long lastUsedStep, DateTimeOffset now)
    {
        var digits = code.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(now.UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) && step > lastUsedStep
            ? step
            : null;
    }

    /// <summary>The current code, for tests and the benchmark's scripted logins.</summary>
    public static string Compute(string secret, DateTimeOffset now) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(now.UtcDateTime);
}

using Bastion.Core.Validation;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Web.Inventory;

internal static class PrivateKeyCheck
{
    /// <summary>Null when the key parses (with its passphrase); otherwise a message that never quotes key material.</summary>
    public static FieldMessage? Error(string privateKey, string? passphrase)
    {
        try
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(privateKey));
            using var key = string.IsNullOrEmpty(passphrase) ? new PrivateKeyFile(stream) : new PrivateKeyFile(stream, passphrase);
            return null;
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            return FieldMessages.KeyNeedsPassphrase;
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            // The parser's message never includes key material, but keep the reply generic anyway.
            return FieldMessages.KeyUnreadable;
        }
    }
}

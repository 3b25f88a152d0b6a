using Bastion.Core.Ssh;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Web.Inventory;

internal sealed record CreateHostRequest(
    string? Name, string? Address, int? Port, string? Username, string? Password, string? PrivateKey, string? Passphrase, string? HostKeyFingerprint)
{
    /// <summary>Field errors keyed by the JSON property name, for the form to show next to each field.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            Add("name", "a name of 1 to 100 characters is required");
        }

        if (string.IsNullOrWhiteSpace(Address) || Address.Length > 255 || Address.Any(char.IsWhiteSpace))
        {
            Add("address", "a host name or IP address is required");
        }

        if (Port is < 1 or > 65535)
        {
            Add("port", "port must be 1 to 65535");
        }

        if (string.IsNullOrWhiteSpace(Username) || Username.Length > 64)
        {
            Add("username", "a login of 1 to 64 characters is required");
        }

        if (string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(PrivateKey))
        {
            Add("password", "give a password or a private key");
        }

        if (!string.IsNullOrEmpty(PrivateKey) && ReadKeyError() is { } keyError)
        {
            Add("privateKey", keyError);
        }

        if (!string.IsNullOrWhiteSpace(HostKeyFingerprint) && Core.Ssh.HostKeyFingerprint.Normalize(HostKeyFingerprint) is null)
        {
            Add("hostKeyFingerprint", "use the SHA256:... form printed by ssh-keygen -lf");
        }

        return errors;
    }

    private string? ReadKeyError()
    {
        try
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(PrivateKey!));
            using var key = string.IsNullOrEmpty(Passphrase) ? new PrivateKeyFile(stream) : new PrivateKeyFile(stream, Passphrase);
            return null;
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            return "this key is encrypted: give its passphrase";
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            // The parser's message never includes key material, but keep the reply generic anyway.
            return "not a readable OpenSSH or PEM private key (RSA, ECDSA, Ed25519), or the passphrase is wrong";
        }
    }
}

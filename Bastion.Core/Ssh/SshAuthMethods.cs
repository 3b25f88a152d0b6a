using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Core.Ssh;

/// <summary>The authentication methods for a target's stored credential: its key, its password (also answering
/// keyboard-interactive prompts), or none.</summary>
internal static class SshAuthMethods
{
    /// <summary>False when the stored credential itself cannot be used (e.g. an unreadable key); no connection is made.</summary>
    public static bool TryCreate(SshTarget target, List<PrivateKeyFile> keys, out AuthenticationMethod[] methods, out SshConnectResult unusable)
    {
        try
        {
            methods = Create(target, keys);
            unusable = null!;
            return true;
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or InvalidOperationException
            or System.Security.Cryptography.CryptographicException or NotSupportedException)
        {
            DisposeKeys(keys);
            methods = [];
            unusable = SshConnectResult.Failed(ConnectFailure.HostError,
                $"the credential stored for {target.HostName} cannot be used; ask an admin to set it again",
                detail: FailureDetail.Of(FailureDetailCodes.CredentialUnusable, ("host", target.HostName)));
            return false;
        }
    }

    public static void DisposeKeys(List<PrivateKeyFile> keys)
    {
        foreach (var key in keys)
        {
            key.Dispose();
        }

        keys.Clear();
    }

    private static AuthenticationMethod[] Create(SshTarget target, List<PrivateKeyFile> keys)
    {
        var methods = new List<AuthenticationMethod>();
        if (!string.IsNullOrEmpty(target.PrivateKey))
        {
            using var keyStream = new MemoryStream(Encoding.UTF8.GetBytes(target.PrivateKey));
            var key = string.IsNullOrEmpty(target.Passphrase) ? new PrivateKeyFile(keyStream) : new PrivateKeyFile(keyStream, target.Passphrase);
            keys.Add(key);
            methods.Add(new PrivateKeyAuthenticationMethod(target.UserName, key));
        }

        if (!string.IsNullOrEmpty(target.Password))
        {
            methods.Add(new PasswordAuthenticationMethod(target.UserName, target.Password));

            // PAM-backed servers often offer only keyboard-interactive; answer its password prompts with the password.
            var interactive = new KeyboardInteractiveAuthenticationMethod(target.UserName);
            var password = target.Password;
            interactive.AuthenticationPrompt += (_, e) =>
            {
                foreach (var prompt in e.Prompts)
                {
                    prompt.Response = password;
                }
            };
            methods.Add(interactive);
        }

        if (methods.Count == 0)
        {
            methods.Add(new NoneAuthenticationMethod(target.UserName));
        }

        return [.. methods];
    }
}

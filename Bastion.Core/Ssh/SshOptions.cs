namespace Bastion.Core.Ssh;

/// <summary>SSH client settings (configuration section <c>Ssh</c>).</summary>
public sealed class SshOptions
{
    public const string SectionName = "Ssh";

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>SSH keep-alive; SSH.NET sends SSH_MSG_IGNORE, which keeps NAT and proxies from dropping idle sessions.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cipher preference, strongest-and-fastest first; ciphers not listed are not offered. Chosen by
    /// measurement (docs/PERFORMANCE.md): AES-GCM runs on AES-NI with no separate MAC.</summary>
    public List<string> Ciphers { get; set; } =
        ["aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes256-ctr", "chacha20-poly1305@openssh.com"];

    /// <summary>MAC preference for non-AEAD ciphers; only encrypt-then-MAC and SHA-2 variants are offered.</summary>
    public List<string> Macs { get; set; } =
        ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512"];
}

namespace Bastion.Core.Ssh;

/// <summary>SSH client settings (configuration section <c>Ssh</c>).</summary>
public sealed class SshOptions
{
    public const string SectionName = "Ssh";

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>SSH keep-alive; SSH.NET sends SSH_MSG_IGNORE, which keeps NAT and proxies from dropping idle sessions.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a host (or its gateway) may stay silent before the session ends as <c>host_unresponsive</c>:
    /// sent data unacknowledged that long (<c>TCP_USER_TIMEOUT</c>), or an idle connection whose TCP keep-alive probes
    /// go unanswered that long (issue #9). The worst case is about twice this: the connection is idle for almost the
    /// whole time, then a keystroke or an SSH keep-alive is sent and its own clock starts (measured at 30 s: 30.7 s
    /// typing, 60.3 s idle; at the 20 s default: 21.6 s typing, 22.4 s idle and behind a gateway). The default keeps
    /// the worst case under 60 s. Zero turns detection off (the kernel then retransmits
    /// for about 15 minutes).</summary>
    public TimeSpan UnresponsiveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Once the connection's first channel is open, clear <c>O_NONBLOCK</c> on the SSH socket and take it out of
    /// the runtime's epoll read set (Linux) so SSH.NET's receive thread reads with one blocking <c>recv</c> per call
    /// instead of .NET's epoll-emulated blocking receive, which costs two thread wake-ups and futex calls per packet (issue 12; <see cref="SshNetInternals.MakeReceiveBlocking"/>,
    /// docs/PERFORMANCE.md "SSH.NET's blocking receive"). Off keeps the runtime's emulation.</summary>
    public bool BlockingReceive { get; set; } = true;

    public static readonly IReadOnlyList<string> DefaultCiphers =
        ["aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "aes256-ctr", "chacha20-poly1305@openssh.com"];

    public static readonly IReadOnlyList<string> DefaultMacs =
        ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512"];

    /// <summary>Cipher preference, first preferred; ciphers not listed are not offered. Empty means
    /// <see cref="DefaultCiphers"/>, chosen by measurement (docs/PERFORMANCE.md). The defaults are not the property's
    /// initial value because configuration binding appends to a pre-filled list instead of replacing it.</summary>
    public List<string> Ciphers { get; set; } = [];

    /// <summary>MAC preference for non-AEAD ciphers. Empty means <see cref="DefaultMacs"/> (encrypt-then-MAC and SHA-2 only).</summary>
    public List<string> Macs { get; set; } = [];
}

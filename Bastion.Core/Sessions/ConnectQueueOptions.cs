namespace Bastion.Core.Sessions;

/// <summary>
/// Bounds on SSH connection set-up (configuration section <c>Ssh</c>, beside <c>Ssh:ConnectTimeout</c>; issue 12).
/// A login burst (every browser re-attaching after a restart) would otherwise start hundreds of handshakes at once:
/// on a small machine each then takes longer than <c>Ssh:ConnectTimeout</c> and fails as "timed out". Queued
/// connects wait for a free handshake slot; the connect timeout starts only when the handshake does.
/// </summary>
public sealed class ConnectQueueOptions
{
    public const string SectionName = "Ssh";

    /// <summary>Handshakes (TCP connect, key exchange, authentication, shell) in flight toward one host
    /// (address:port). Measured on 2 cores against PAM password logins: docs/PERFORMANCE.md.</summary>
    public int MaxConcurrentHandshakesPerHost { get; set; } = 8;

    /// <summary>Handshakes in flight toward all hosts together; zero means no global bound.</summary>
    public int MaxConcurrentHandshakes { get; set; } = 32;

    /// <summary>Connects that may wait for one host; the next one is refused at once with
    /// <c>connect_queue_full</c> (policy at the bound: refuse, the client retries with backoff).</summary>
    public int MaxQueuedConnectsPerHost { get; set; } = 1000;

    /// <summary>The longest a connect waits in the queue before it is refused with <c>connect_queue_timeout</c>;
    /// separate from <c>Ssh:ConnectTimeout</c>, which bounds the handshake alone.</summary>
    public TimeSpan ConnectQueueTimeout { get; set; } = TimeSpan.FromSeconds(120);
}

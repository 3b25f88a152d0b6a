using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Core.Ssh;

/// <summary>
/// Bounds how long one SSH connection (to a target or to a gateway) survives a host that went silent, and remembers
/// whether that is how it ended, so the session ends as <c>host_unresponsive</c> rather than a generic host error
/// (issue #9). The kernel does the detecting (see <see cref="SshNetInternals.BoundSilence"/>); this only classifies.
/// It subscribes to the client's error event at connect time, before anyone else, so the verdict is in place when the
/// shell reports the failure.
/// </summary>
internal sealed class HostSilenceWatch
{
    private readonly BaseClient _client;
    private volatile bool _timedOut;

    private HostSilenceWatch(BaseClient client, TimeSpan timeout, string peer)
    {
        _client = client;
        Detail = $"{peer} stopped answering (no reply for {timeout.TotalSeconds:0.#} s)";
        client.ErrorOccurred += OnError;
    }

    /// <summary>True once the connection was ended by the silence bound.</summary>
    public bool TimedOut => _timedOut;

    /// <summary>A short reason, safe to show and log.</summary>
    public string Detail { get; }

    /// <summary>Applies the bound to a connected client's socket. Returns null when <paramref name="timeout"/> is zero
    /// (detection off); throws if SSH.NET's socket cannot be reached (see <see cref="SshNetInternals.SocketOf"/>).</summary>
    /// <param name="peer">How the message names the peer: "db-1", "gateway jump-1".</param>
    public static HostSilenceWatch? Attach(BaseClient client, TimeSpan timeout, string peer)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return null;
        }

        SshNetInternals.BoundSilence(SshNetInternals.SocketOf(client), timeout);
        return new HostSilenceWatch(client, timeout, peer);
    }

    /// <summary>Classifies a failure seen elsewhere (a write to the shell that failed).</summary>
    public void Observe(Exception error)
    {
        if (SshNetInternals.IsTimedOut(error))
        {
            _timedOut = true;
        }
    }

    public void Detach() => _client.ErrorOccurred -= OnError;

    private void OnError(object? sender, ExceptionEventArgs e) => Observe(e.Exception);
}

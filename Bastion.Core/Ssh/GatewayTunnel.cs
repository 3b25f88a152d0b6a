using Renci.SshNet;

namespace Bastion.Core.Ssh;

/// <summary>
/// An open connection to a gateway host with a local forwarded port (loopback, ephemeral) to the final target; the
/// target connection goes through it, so the target sees the gateway as its client (ProxyJump). SSH.NET 2026.0.0 has
/// no public way to run a session over a direct-tcpip stream, hence the loopback listener. The target's key is still
/// verified end to end, so whoever else reaches the listener gains nothing but the target's TCP port.
/// </summary>
internal sealed class GatewayTunnel(SshClient client, ForwardedPortLocal port, HostSilenceWatch? silence = null) : IDisposable
{
    public static string Address => "127.0.0.1";

    /// <summary>Whether the gateway went silent: the target's connection then ends too, as host unresponsive (issue #9).</summary>
    public HostSilenceWatch? Silence => silence;

    public int Port => (int)port.BoundPort;

    public void Dispose()
    {
        try
        {
            port.Stop();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or Renci.SshNet.Common.SshException)
        {
            // The gateway connection is already gone; nothing left to stop.
        }

        port.Dispose();
        client.Dispose();
    }
}

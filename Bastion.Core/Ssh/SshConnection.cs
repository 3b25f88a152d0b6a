using Renci.SshNet;

namespace Bastion.Core.Ssh;

/// <summary>
/// One authenticated SSH connection whose host key matched its pin: the SSH.NET client (an <see cref="SshClient"/>
/// for a shell, an <see cref="SftpClient"/> for file transfer), the gateway tunnel it runs through, if any, and the
/// silence bounds of both sockets. Disposing it closes the client first, then the tunnel.
/// </summary>
internal sealed class SshConnection<TClient>(TClient client, GatewayTunnel? tunnel, HostSilenceWatch? silence, string? fingerprint) : IDisposable
    where TClient : BaseClient
{
    public TClient Client => client;

    public GatewayTunnel? Tunnel => tunnel;

    public HostSilenceWatch? Silence => silence;

    /// <summary>The fingerprint the host offered (it matched the pin).</summary>
    public string? Fingerprint => fingerprint;

    public void Dispose()
    {
        client.Dispose();
        tunnel?.Dispose();
    }
}

using System.Text;
using Microsoft.Extensions.Options;
using Renci.SshNet;

namespace Bastion.Core.Ssh;

/// <summary>
/// Opens an SFTP session (SSH.NET <see cref="SftpClient"/>) over a verified connection: the same pinned host key,
/// gateway and inventory login as the shell (<see cref="SshConnections"/>). A host whose sshd has no SFTP subsystem
/// comes back as <see cref="ConnectFailure.SubsystemUnavailable"/> with the host's reason.
/// </summary>
internal sealed class SftpConnector(IOptions<SshOptions> sshOptions, IHostKeyObserver? observer = null)
{
    /// <summary>SFTP read/write request size; OpenSSH's sftp-server accepts up to 256 KiB per request, and SSH.NET keeps
    /// several requests in flight, so 64 KiB keeps the pipe full without large buffers.</summary>
    public const uint RequestBytes = 64 * 1024;

    private readonly SshConnections _connections = new(sshOptions, observer);

    public async Task<SshConnectionAttempt<SftpClient>> ConnectAsync(SshTarget target, TimeSpan operationTimeout, CancellationToken cancellationToken)
    {
        var attempt = await _connections.OpenAsync(target, Encoding.UTF8, info => new SftpClient(info)
        {
            OperationTimeout = operationTimeout,
            BufferSize = RequestBytes,
        }, "file transfer (the SFTP subsystem)", cancellationToken);
        return attempt;
    }
}

using Bastion.Core.Ssh;
using Renci.SshNet;

namespace Bastion.Core.Transfer;

/// <summary>One file request's use of its session's SFTP connection (<see cref="SessionSftp"/>); disposing it gives
/// the place back. Never dispose the client itself: the session's other requests share it.</summary>
internal sealed class SftpLease(SessionSftp owner, SshConnection<SftpClient> connection) : IDisposable
{
    private int _returned;

    public SftpClient Client => connection.Client;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            owner.Return(connection);
        }
    }
}

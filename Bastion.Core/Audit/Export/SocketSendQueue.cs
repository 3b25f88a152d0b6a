using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Bastion.Core.Audit.Export;

/// <summary>
/// The bytes a TCP socket has sent that its peer has not acknowledged yet (Linux <c>SIOCOUTQ</c>, tcp(7)). Syslog over
/// TCP has no acknowledgement of its own (RFC 6587), so "delivered" for the cursor means the collector's TCP
/// acknowledged every byte: what a collector that is stopped or unreachable after a flush never did is sent again.
/// </summary>
internal static class SocketSendQueue
{
    private const ulong SiocOutq = 0x5411; // TIOCOUTQ, which tcp(7) names SIOCOUTQ

    /// <summary>The unacknowledged bytes, or null where the call is not available (not Linux), when nothing can be known.</summary>
    public static int? Unacknowledged(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return Ioctl(socket.SafeHandle.DangerousGetHandle().ToInt32(), SiocOutq, out var pending) == 0 ? pending : null;
    }

#pragma warning disable SYSLIB1054 // DllImport rather than LibraryImport: as in AtomicFile, no unsafe blocks for one int.
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Ioctl(int fd, ulong request, out int value);
#pragma warning restore SYSLIB1054
}

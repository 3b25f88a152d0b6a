using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using Renci.SshNet;
using Renci.SshNet.Messages.Connection;

namespace Bastion.Core.Ssh;

/// <summary>
/// SSH.NET internals Bastion relies on. This part: a connected session's socket read with one blocking <c>recv</c> per
/// <c>Socket.Receive</c> (setting <c>Ssh:BlockingReceive</c>, issue 12).
/// <para>
/// Why: SSH.NET 2026.0.0 reads the session on its own thread with synchronous <c>Socket.Receive</c>
/// (<c>Session.MessageListener</c> → <c>ReceiveMessage</c> → <c>TrySocketRead</c>), but connects with
/// <c>ConnectAsync</c>, and on Linux .NET then keeps the descriptor <c>O_NONBLOCK</c> for ever
/// (<c>SafeSocketHandle.Unix</c>: "Once the OS handle is nonblocking, it never transitions back to blocking";
/// <c>Socket.Blocking = true</c> only changes the managed flag). A synchronous receive that finds nothing is then
/// emulated (<c>SocketAsyncContext.ReceiveFrom</c>): the operation is queued and the thread waits on an event that the
/// runtime's epoll thread sets, two thread wake-ups and futex traffic per SSH packet. With <c>O_NONBLOCK</c> cleared
/// behind the runtime's back, the same call's first attempt (<c>SocketPal.TryCompleteReceiveFrom</c>, tried whenever no
/// operation is queued) is one <c>recv</c> that waits in the kernel; and with read readiness taken out of the runtime's
/// epoll registration (<see cref="RuntimeEpoll"/>) arriving data wakes no other thread either. Sends
/// (<c>Socket.Send</c>, synchronous in SSH.NET after the version exchange) block in <c>send</c> the same way, as a
/// blocking socket's do. Close still unblocks a waiting <c>recv</c>: SSH.NET shuts the socket down first when it is
/// connected, and .NET's close of a handle in use shuts it down (<c>SafeSocketHandle.CloseAsIs</c> →
/// <c>TryUnblockSocket</c>) until the call returns.
/// </para>
/// <para>
/// The hazards: an asynchronous operation on this socket would now block the thread that starts it, and a receive
/// that waits for an epoll event would wait for ever. SSH.NET 2026.0.0 starts no asynchronous operation after the
/// version exchange, which is done before <see cref="MakeReceiveBlocking"/> is called, and its one reader is the receive
/// thread, on which the switch is made between two reads;
/// <see cref="ProbeBlockingReceiveSeam"/> pins the synchronous receive loop it relies on, so an SSH.NET upgrade that
/// changes it stops the server at start-up (<see cref="EnsureSupported"/>) rather than block a thread-pool thread.
/// </para>
/// </summary>
internal static partial class SshNetInternals
{
    private const int FGetFl = 3;
    private const int FSetFl = 4;

    /// <summary><c>O_NONBLOCK</c> (asm-generic/fcntl.h: 04000) on the architectures .NET runs Linux on.</summary>
    private const int ONonBlock = 0x800;

    private static readonly MethodInfo? s_messageListener =
        typeof(Session).GetMethod("MessageListener", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);

    private static readonly MethodInfo? s_trySocketRead =
        typeof(Session).GetMethod("TrySocketRead", BindingFlags.Static | BindingFlags.NonPublic, [typeof(Socket), typeof(byte[]), typeof(int), typeof(int), typeof(int)]);

    /// <summary>Null when this SSH.NET build reads the session the way <see cref="MakeReceiveBlocking"/> relies on (a
    /// receive thread that reads the socket synchronously); otherwise what is missing.</summary>
    public static string? ProbeBlockingReceiveSeam() =>
        ProbeSocketSeam() is { } socket ? socket
        : s_messageListener is null ? "SSH.NET's Session has no non-public 'MessageListener()' receive loop"
        : s_trySocketRead is null ? "SSH.NET's Session has no non-public 'TrySocketRead(Socket, byte[], int, int, int)' synchronous read"
        : null;

    /// <summary>True where <see cref="MakeReceiveBlocking"/> can work: Linux on an architecture whose
    /// <c>O_NONBLOCK</c> is <see cref="ONonBlock"/> and whose <c>epoll_event</c> layout <see cref="RuntimeEpoll"/> writes
    /// (not 32-bit x86, where it is packed with the data at offset 4).</summary>
    public static bool BlockingReceiveAvailable =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64 or Architecture.Arm;

    /// <summary>Has a connected client's socket read with one blocking <c>recv</c> per receive from its first channel on:
    /// when the host confirms the next channel the client opens (the shell, a gateway's forwarded connection; an
    /// <c>SftpClient</c> opens its channel inside its connect, so its socket stays as it was), SSH.NET's receive thread, which raises that event between two reads, clears <c>O_NONBLOCK</c>
    /// (<see cref="MakeBlocking"/>) and takes read readiness out of the runtime's epoll registration
    /// (<see cref="RuntimeEpoll.StopReadEvents"/>). On that thread no receive is waiting for an epoll event, so none can
    /// be left waiting for one that no longer comes. Call it after <c>ConnectAsync</c> has returned (version exchange,
    /// key exchange and login done) and before the first channel is opened. Returns false, leaving the socket as it
    /// is, where that is not possible (see <see cref="BlockingReceiveAvailable"/>) or this SSH.NET build lacks the seam.
    /// <paramref name="failed"/> hears why whenever the socket stays as it was, as one bounded reason for a metric
    /// (<c>seam_missing</c>, <c>fcntl_failed</c>, <c>epoll_unchanged</c>, <c>error</c>): the session keeps working with
    /// the runtime's receive either way. Nothing thrown on the receive thread escapes into SSH.NET,
    /// where it would end the connection.</summary>
    public static bool MakeReceiveBlocking(BaseClient client, Action<string>? failed = null)
    {
        if (ProbeBlockingReceiveSeam() is not null)
        {
            failed?.Invoke("seam_missing");
            return false;
        }

        if (!BlockingReceiveAvailable || s_clientSession!.GetValue(client) is not Session session)
        {
            return false;
        }

        var socket = SocketOf(client);
        EventHandler<MessageEventArgs<ChannelOpenConfirmationMessage>>? handler = null;
        handler = (_, _) =>
        {
            session.ChannelOpenConfirmationReceived -= handler;
            try
            {
                if (!MakeBlocking(socket))
                {
                    failed?.Invoke("fcntl_failed");
                }
                else if (!StopReadEvents(socket))
                {
                    failed?.Invoke("epoll_unchanged");
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                failed?.Invoke("error");
            }
        };
        session.ChannelOpenConfirmationReceived += handler;
        return true;
    }

    /// <summary>Clears <c>O_NONBLOCK</c> on <paramref name="socket"/>'s descriptor. Only from the socket's one reader,
    /// between reads (see <see cref="MakeReceiveBlocking"/>), or before any read.</summary>
    public static bool MakeBlocking(Socket socket) => WithDescriptor(socket, fd =>
    {
        var flags = Fcntl(fd, FGetFl, 0);
        return flags >= 0 && ((flags & ONonBlock) == 0 || Fcntl(fd, FSetFl, flags & ~ONonBlock) == 0);
    });

    /// <summary>Whether the runtime's epoll set still waits for <paramref name="socket"/> to be readable (false once
    /// <see cref="MakeReceiveBlocking"/> took effect; null when it is in no epoll set), for tests and the bench.</summary>
    public static bool? WaitsForReadEvents(Socket socket) =>
        BlockingReceiveAvailable ? RuntimeEpoll.WaitsForReads(socket.SafeHandle.DangerousGetHandle().ToInt32()) : null;

    private static bool StopReadEvents(Socket socket) => WithDescriptor(socket, RuntimeEpoll.StopReadEvents);

    /// <summary>Runs <paramref name="action"/> on the socket's descriptor, held open meanwhile; false if the socket is
    /// closed or the platform is not one <see cref="BlockingReceiveAvailable"/> covers.</summary>
    private static bool WithDescriptor(Socket socket, Func<int, bool> action)
    {
        if (!BlockingReceiveAvailable)
        {
            return false;
        }

        var handle = socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return action(handle.DangerousGetHandle().ToInt32());
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Whether the socket's descriptor is blocking (<c>O_NONBLOCK</c> clear), for tests and the bench; null
    /// where it cannot be read.</summary>
    public static bool? IsBlocking(Socket socket)
    {
        if (!BlockingReceiveAvailable)
        {
            return null;
        }

        var flags = Fcntl(socket.SafeHandle.DangerousGetHandle().ToInt32(), FGetFl, 0);
        return flags < 0 ? null : (flags & ONonBlock) == 0;
    }

    // fcntl is variadic; with int arguments only, the fixed-argument call is the same on x86-64 and arm64 Linux.
#pragma warning disable SYSLIB1054 // DllImport rather than LibraryImport: as in AtomicFile, no unsafe blocks for ints.
    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fcntl(int fd, int command, int argument);
#pragma warning restore SYSLIB1054
}

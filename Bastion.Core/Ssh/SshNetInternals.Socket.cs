using System.Net.Sockets;
using System.Reflection;
using Renci.SshNet;

namespace Bastion.Core.Ssh;

/// <summary>
/// SSH.NET internals Bastion reaches by reflection. This part: the TCP socket under a connected client.
/// <para>
/// Why: a host that stops answering (packets dropped, no RST) is invisible to SSH.NET 2026.0.0. Its keep-alive is
/// SSH_MSG_IGNORE, which gets no reply, and the kernel retransmits unacknowledged data for about 15 minutes
/// (<c>tcp_retries2</c> = 15) before it gives up. The bound has to be on the socket: <c>TCP_USER_TIMEOUT</c> limits how
/// long sent data may stay unacknowledged, and TCP keep-alive makes the kernel probe an idle connection, so both a user
/// who types and one who only watches are covered (issue #9). SSH.NET creates the socket inside <c>Session</c> and has
/// no public factory seam (<c>ISocketFactory</c> and the <c>IServiceFactory</c> constructor are internal), so the
/// connected session's <c>_socket</c> field is read. If that field is gone, <see cref="SocketOf"/> throws rather than
/// leave sessions silently without the bound; <see cref="ProbeSocketSeam"/> and its test pin it to the package version.
/// </para>
/// </summary>
internal static partial class SshNetInternals
{
    /// <summary>Linux <c>IPPROTO_TCP</c> and <c>TCP_USER_TIMEOUT</c> (linux/tcp.h); .NET has no named option for it.</summary>
    private const int IpProtoTcp = 6;
    private const int TcpUserTimeout = 18;

    /// <summary>Keep-alive probes before the kernel gives up on an idle connection.</summary>
    public const int KeepAliveProbes = 3;

    private static readonly PropertyInfo? s_socketSeamSession =
        typeof(BaseClient).GetProperty("Session", BindingFlags.Instance | BindingFlags.NonPublic);

    private static readonly FieldInfo? s_socketSeamField =
        typeof(Session).GetField("_socket", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Null when this SSH.NET build exposes the connected socket where Bastion looks for it; otherwise what is
    /// missing, for the exception and the test.</summary>
    public static string? ProbeSocketSeam() => ProbeSocketSeam(s_socketSeamSession, s_socketSeamField);

    /// <summary>The probe's logic, given what reflection found (a test passes what a changed SSH.NET would give).</summary>
    public static string? ProbeSocketSeam(PropertyInfo? session, FieldInfo? socket) =>
        session is null ? "SSH.NET's BaseClient has no non-public 'Session' property"
        : socket is null ? "SSH.NET's Session has no non-public '_socket' field"
        : socket.FieldType != typeof(Socket) ? $"SSH.NET's Session._socket is a {socket.FieldType}, not a Socket"
        : null;

    /// <summary>The TCP socket of a connected client. Throws <see cref="InvalidOperationException"/> when the
    /// reflection seam is missing or the client has no live socket.</summary>
    public static Socket SocketOf(BaseClient client)
    {
        if (ProbeSocketSeam() is { } missing)
        {
            throw new InvalidOperationException(
                $"{missing}: Bastion cannot bound how long a silent host keeps a session open. Pin the SSH.NET version this build was tested with (see {nameof(SshNetInternals)}).");
        }

        var session = s_socketSeamSession!.GetValue(client)
            ?? throw new InvalidOperationException("the SSH client has no session; connect it first");
        return s_socketSeamField!.GetValue(session) as Socket
            ?? throw new InvalidOperationException("the SSH session has no socket; connect it first");
    }

    /// <summary>
    /// Makes the kernel end the connection with <c>ETIMEDOUT</c> once the peer has been silent for about
    /// <paramref name="timeout"/>: sent data unacknowledged that long (<c>TCP_USER_TIMEOUT</c>, Linux only), or an idle
    /// connection whose keep-alive probes get no answer (first probe after half the timeout, then
    /// <see cref="KeepAliveProbes"/> probes spread over the other half). Zero or negative leaves the socket alone.
    /// </summary>
    public static void BoundSilence(Socket socket, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        var (idleSeconds, intervalSeconds) = KeepAliveSchedule(timeout);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, idleSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, intervalSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, KeepAliveProbes);
        if (OperatingSystem.IsLinux())
        {
            // With TCP_USER_TIMEOUT set, Linux also uses it to decide when unanswered keep-alive probes end the connection.
            var milliseconds = (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds));
            socket.SetRawSocketOption(IpProtoTcp, TcpUserTimeout, BitConverter.GetBytes(milliseconds));
        }
    }

    /// <summary>Whole seconds (the socket options take seconds): idle time before the first probe, and the interval
    /// between probes, so that idle + probes × interval is about the timeout.</summary>
    public static (int IdleSeconds, int IntervalSeconds) KeepAliveSchedule(TimeSpan timeout)
    {
        var total = Math.Max(2, (int)Math.Ceiling(timeout.TotalSeconds));
        var idle = Math.Max(1, total / 2);
        var interval = Math.Max(1, (total - idle) / KeepAliveProbes);
        return (idle, interval);
    }

    /// <summary>True when <paramref name="error"/>, or what it wraps, is the kernel giving up on the peer (<c>ETIMEDOUT</c>):
    /// SSH.NET 2026.0.0 raises <c>SshConnectionException("Connection timed out")</c> around that
    /// <see cref="SocketException"/> when the silence bound ends the connection. A host that closes or resets the
    /// connection gives other errors, which stay host errors.</summary>
    public static bool IsTimedOut(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                return true;
            }
        }

        return false;
    }
}

using System.Net.Sockets;
using System.Reflection;
using Bastion.Core.Recording;
using Bastion.Core.Ssh;
using Bastion.Core.Terminal;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace Bastion.Tests.Unit;

/// <summary>The silence bound on SSH sockets (issue #9): its defaults, the SSH.NET seam it needs, and how a timeout is told
/// apart from other host failures. The end-to-end behaviour is in <c>DeadHostTests</c>.</summary>
public sealed class SshSilenceBoundTests
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(60);

    [Fact]
    public void Defaults_DetectASilentHostWithinSixtySeconds_TypingOrIdle()
    {
        var timeout = new SshOptions().UnresponsiveTimeout;

        // Idle: the first keep-alive probe after `idle`, then the probes; with TCP_USER_TIMEOUT set the kernel ends the
        // connection at the first probe tick past the timeout. Typing: once sent data stays unacknowledged for the
        // timeout. Worst: idle for almost the whole timeout, then data is sent and its own timeout starts.
        var (idle, interval) = SshNetInternals.KeepAliveSchedule(timeout);
        var idleDetection = TimeSpan.FromSeconds(Math.Max(timeout.TotalSeconds, idle + (SshNetInternals.KeepAliveProbes * interval)) + interval);
        var worstCase = idleDetection + timeout + TimeSpan.FromSeconds(1); // plus one RTO, which the kernel clamps to the timeout
        Assert.InRange(timeout, TimeSpan.FromSeconds(1), Promise);
        Assert.InRange(worstCase, timeout, Promise);
    }

    [Theory]
    [InlineData(3, 1, 1)]
    [InlineData(30, 15, 5)]
    [InlineData(60, 30, 10)]
    public void KeepAliveSchedule_SpendsHalfIdle_ThenProbesOverTheRest(int timeoutSeconds, int idleSeconds, int intervalSeconds) =>
        Assert.Equal((idleSeconds, intervalSeconds), SshNetInternals.KeepAliveSchedule(TimeSpan.FromSeconds(timeoutSeconds)));

    [Fact]
    public void SocketSeam_IsPresentInThisSshNetBuild()
    {
        // If this fails after an SSH.NET upgrade, sessions would fail to open (SocketOf throws) rather than run unbounded.
        Assert.Null(SshNetInternals.ProbeSocketSeam());
    }

    [Fact]
    public void SocketSeamProbe_NamesWhatIsMissing()
    {
        var session = typeof(BaseClient).GetProperty("Session", BindingFlags.Instance | BindingFlags.NonPublic);
        var notASocket = typeof(Session).GetField("_isDisconnecting", BindingFlags.Instance | BindingFlags.NonPublic);

        Assert.Contains("'Session' property", SshNetInternals.ProbeSocketSeam(null, null));
        Assert.Contains("'_socket' field", SshNetInternals.ProbeSocketSeam(session, null));
        Assert.Contains("not a Socket", SshNetInternals.ProbeSocketSeam(session, notASocket));
    }

    [Fact]
    public void SocketOf_AClientThatNeverConnected_FailsLoudly()
    {
        using var client = new SshClient("127.0.0.1", 22, "nobody", "nothing");
        var error = Assert.Throws<InvalidOperationException>(() => SshNetInternals.SocketOf(client));
        Assert.Contains("connect it first", error.Message);
    }

    [Fact]
    public void BoundSilence_SetsUserTimeoutAndKeepAliveOnTheSocket()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        SshNetInternals.BoundSilence(socket, TimeSpan.FromSeconds(30));

        Assert.Equal(1, (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!);
        Assert.Equal(15, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!);
        Assert.Equal(5, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)!);
        Assert.Equal(SshNetInternals.KeepAliveProbes, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!);
        var userTimeout = new byte[4];
        Assert.Equal(4, socket.GetRawSocketOption(6, 18, userTimeout)); // IPPROTO_TCP, TCP_USER_TIMEOUT
        Assert.Equal(30_000, BitConverter.ToInt32(userTimeout));
    }

    [Fact]
    public void BoundSilence_Zero_LeavesTheKernelDefaults()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        SshNetInternals.BoundSilence(socket, TimeSpan.Zero);

        Assert.Equal(0, (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!);
        var userTimeout = new byte[4];
        socket.GetRawSocketOption(6, 18, userTimeout);
        Assert.Equal(0, BitConverter.ToInt32(userTimeout));
    }

    public static TheoryData<Exception?, bool> Failures => new()
    {
        // What SSH.NET 2026.0.0 raises when the bound ends the connection (seen in DeadHostTests).
        { new SshConnectionException("Connection timed out", DisconnectReason.ConnectionLost, new SocketException((int)SocketError.TimedOut)), true },
        { new SocketException((int)SocketError.TimedOut), true },
        // A host that closes or resets the connection is a host error, not a silent host.
        { new SshConnectionException("An established connection was aborted by the server.", DisconnectReason.ConnectionLost), false },
        { new SshConnectionException("reset", DisconnectReason.ConnectionLost, new SocketException((int)SocketError.ConnectionReset)), false },
        { new SshOperationTimeoutException("no window"), false },
        { null, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void IsTimedOut_OnlyForTheKernelsTimeout(Exception? failure, bool timedOut) =>
        Assert.Equal(timedOut, SshNetInternals.IsTimedOut(failure));

    [Fact]
    public void HostUnresponsive_IsItsOwnAuditReason() =>
        Assert.Equal("host_unresponsive", SessionEnding.ReasonName(RelayOutcome.HostUnresponsive));
}

using System.Net.Sockets;
using System.Runtime.InteropServices;
using Bastion.Core.Terminal;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace Bastion.Core.Ssh;

/// <summary>
/// An SSH.NET PTY shell as an <see cref="IShellChannel"/>. Owns the <see cref="SshClient"/> and the
/// <see cref="ShellStream"/>; disposing it closes both.
/// <para>
/// Output is taken on SSH.NET's receive thread, straight from the channel (<see cref="ShellOutputSink"/>, issue 12):
/// each packet goes into the relay's <see cref="OutputBuffer"/>, blocking there when it is full. The stream's own read
/// side is never used. No thread of ours waits on an idle session.
/// </para>
/// </summary>
internal sealed class SshShellChannel : IShellChannel
{
    /// <summary>
    /// The <see cref="ShellStream"/>'s buffer size (issue 12: memory per idle session). SSH.NET allocates a read and a
    /// write buffer of this size with every stream and keeps both for the session's life (at 64 KiB, 128 KiB per
    /// session). Neither is used: output goes to the sink, and input goes straight to the channel
    /// (<see cref="SshNetInternals.SendData"/>, in packets the host's packet size and window allow), so one byte each.
    /// </summary>
    public const int ShellStreamBufferBytes = 1;

    private readonly SshClient _client;
    private readonly ShellStream _shell;
    private readonly Session? _session;
    private readonly object _channel;
    private readonly IDisposable? _gateway;
    private readonly HostSilenceWatch? _silence;
    private readonly HostSilenceWatch? _gatewaySilence;
    private readonly Lock _writeLock = new();
    private readonly ShellOutputSink _sink;
    private OutputBuffer? _output;
    private Task _initialDrain = Task.CompletedTask;
    private volatile string? _failure;
    private int? _exitStatus;
    private int _disposed;

    public SshShellChannel(
        SshClient client, ShellStream shell, ShellOutputSink sink, Session? session, IDisposable? gateway = null,
        HostSilenceWatch? silence = null, HostSilenceWatch? gatewaySilence = null)
    {
        _silence = silence;
        _gatewaySilence = gatewaySilence;
        _client = client;
        _shell = shell;
        _session = session;
        _channel = SshNetInternals.ChannelOf(shell);
        SshNetInternals.WatchExitStatus(shell, status => _exitStatus = status);
        _gateway = gateway;
        _sink = sink;
    }

    /// <summary>Opens the PTY shell of a connected client with its output going to a sink (not the stream's buffer),
    /// and wraps both.</summary>
    public static SshShellChannel Open(
        SshClient client, string terminalName, uint cols, uint rows, IDictionary<TerminalModes, uint> modes, uint windowBytes,
        IDisposable? gateway, HostSilenceWatch? silence, HostSilenceWatch? gatewaySilence)
    {
        var sink = new ShellOutputSink(SocketOrNull(client));
        var shell = SshNetInternals.CreateShellStream(client, terminalName, cols, rows, modes, ShellStreamBufferBytes, windowBytes, sink.OnData);
        return new SshShellChannel(client, shell, sink, SshNetInternals.SessionOf(client), gateway, silence, gatewaySilence);
    }

    public string? Failure => _gatewaySilence is { TimedOut: true } g ? g.Detail : _silence is { TimedOut: true } t ? t.Detail : _failure;

    public bool HostUnresponsive => _silence?.TimedOut == true || _gatewaySilence?.TimedOut == true;

    public int? ExitStatus => _exitStatus;

    public void Start(OutputBuffer output)
    {
        _output = output;
        _shell.Closed += OnClosed;
        _shell.ErrorOccurred += OnError;
        _client.ErrorOccurred += OnError;

        // SSH_MSG_DISCONNECT from the host raises only Session.Disconnected: the ShellStream disposes itself without
        // a Closed event and ErrorOccurred is suppressed, so without this the terminal would freeze.
        if (_session is not null)
        {
            _session.Disconnected += OnDisconnected;
        }

        // Output that arrived between opening the shell and now (the banner, the first prompt) waits in the sink; and a
        // shell that already exited (a ForceCommand that prints and leaves) raised its Closed event before anyone
        // listened. Handle both off the caller's thread, since Write may block; the task is awaited in DisposeAsync.
        _initialDrain = Task.Run(() =>
        {
            _sink.Start(output);
            if (!_shell.CanWrite || !_client.IsConnected)
            {
                if (!_client.IsConnected)
                {
                    _failure ??= "the SSH connection closed";
                }

                output.Complete();
            }
        });
    }

    public ValueTask WriteInputAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        try
        {
            // The channel sends from the caller's array (WebSocket messages arrive in arrays); one lock keeps two
            // inputs from interleaving their packets, as the stream's write buffer did.
            var segment = MemoryMarshal.TryGetArray(input, out var array) ? array : new ArraySegment<byte>(input.ToArray());
            lock (_writeLock)
            {
                SshNetInternals.SendData(_channel, segment.Array!, segment.Offset, segment.Count);
            }
        }
        catch (SshOperationTimeoutException)
        {
            // The host stopped granting window for our input (it is not reading it). Dropping keystrokes silently, some
            // half-sent, would be worse than ending the session.
            _failure ??= "the host stopped accepting input";
            _output?.Complete();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SshException or SocketException)
        {
            // The shell is closing (a SocketException: the kernel gave up on a silent host); the output side reports
            // how the session ended.
            _silence?.Observe(ex);
            if (ex is SocketException)
            {
                _failure ??= ex.Message;
                _output?.Complete();
            }
        }

        return ValueTask.CompletedTask;
    }

    public void Resize(int cols, int rows)
    {
        try
        {
            _shell.ChangeWindowSize((uint)cols, (uint)rows, 0, 0);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SshException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _shell.Closed -= OnClosed;
        _shell.ErrorOccurred -= OnError;
        _client.ErrorOccurred -= OnError;
        _silence?.Detach();
        if (_session is not null)
        {
            _session.Disconnected -= OnDisconnected;
        }

        _output?.Abort();
        _sink.Stop();
        _shell.Dispose();
        await _initialDrain;
        _client.Dispose();
        _gateway?.Dispose();
    }

    private void OnClosed(object? sender, EventArgs e) => Complete();

    private void OnDisconnected(object? sender, EventArgs e)
    {
        _failure ??= "the host closed the SSH connection";
        Complete();
    }

    /// <summary>Every packet before a close was handed to the sink on the receive thread; what it still keeps (the
    /// relay's start may not have run yet) goes into the buffer before it is completed.</summary>
    private void Complete()
    {
        if (_output is { } output)
        {
            _sink.Start(output);
            output.Complete();
        }
    }

    private void OnError(object? sender, ExceptionEventArgs e)
    {
        _silence?.Observe(e.Exception);
        _failure ??= e.Exception switch
        {
            SshConnectionException { DisconnectReason: not DisconnectReason.None } ce => $"{ce.Message} ({ce.DisconnectReason})",
            _ => e.Exception.Message,
        };
        Complete();
    }

    private static Socket? SocketOrNull(SshClient client)
    {
        try
        {
            return client.IsConnected ? SshNetInternals.SocketOf(client) : null;
        }
        catch (InvalidOperationException)
        {
            return null; // no seam: wake the pump for every packet, as before
        }
    }
}

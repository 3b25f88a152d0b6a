using System.Net.Sockets;
using Bastion.Core.Terminal;

namespace Bastion.Core.Ssh;

/// <summary>
/// Where a shell channel's packets go, on SSH.NET's receive thread (<see cref="SshNetInternals.CreateShellStream"/>
/// subscribes <see cref="OnData"/> before the shell is requested). Until the relay starts, packets (the banner, the
/// first prompt) are kept in order; from <see cref="Start"/> on each goes straight into the relay's
/// <see cref="OutputBuffer"/>, blocking there while it is full (the backpressure of issue #5). One lock orders the
/// kept packets before live ones.
/// <para>
/// Policy before the start: keep everything (as <c>ShellStream</c>'s own buffer did); the relay starts right after
/// the shell opens, so this is the banner and a prompt.
/// </para>
/// </summary>
internal sealed class ShellOutputSink
{
    private readonly Socket? _socket;
    private readonly Func<bool>? _moreOnTheWire;
    private readonly Lock _lock = new();
    private List<byte[]>? _pending = [];
    private OutputBuffer? _output;
    private bool _stopped;

    public ShellOutputSink(Socket? socket)
    {
        _socket = socket;
        _moreOnTheWire = socket is null ? null : MoreOnTheWire; // one delegate for the session, not one per packet
    }

    /// <summary>SSH.NET's receive thread: one packet of output, valid only during the call (it may be a slice of
    /// SSH.NET's own buffer): copied into the relay's buffer, or kept as a copy until the start.</summary>
    public void OnData(ArraySegment<byte> data)
    {
        lock (_lock)
        {
            if (_output is { } output)
            {
                Write(output, data, last: true);
            }
            else if (!_stopped)
            {
                _pending!.Add(data.ToArray());
            }
        }
    }

    /// <summary>Hands what arrived so far to <paramref name="output"/>, then every packet as it comes; a second call
    /// does nothing (it returns once the first has handed everything over). May block (the buffer is full): call it
    /// off the request thread.</summary>
    public void Start(OutputBuffer output)
    {
        lock (_lock)
        {
            if (_pending is not { } pending)
            {
                return;
            }

            _pending = null;
            for (var i = 0; i < pending.Count && !_stopped; i++)
            {
                if (!Write(output, pending[i], last: i == pending.Count - 1))
                {
                    break;
                }
            }

            _output = _stopped ? null : output;
        }
    }

    /// <summary>No more output is wanted (the shell is being disposed): drop what comes.</summary>
    public void Stop()
    {
        // The output buffer is aborted first by the caller, so a writer blocked under the lock returns promptly.
        lock (_lock)
        {
            _stopped = true;
            _output = null;
            _pending = null;
        }
    }

    /// <summary>Splits a packet into the buffer's chunks; says whether more output is on its way so the relay is woken
    /// once per batch rather than once per packet (OutputBuffer).</summary>
    private bool Write(OutputBuffer output, ReadOnlySpan<byte> span, bool last)
    {
        while (span.Length > output.MaxChunk)
        {
            if (!output.Write(span[..output.MaxChunk], moreComing: true))
            {
                return false;
            }

            span = span[output.MaxChunk..];
        }

        return output.Write(span, moreComing: !last, _moreOnTheWire);
    }

    /// <summary>Unread bytes on the SSH socket (one FIONREAD): the receive thread is about to hand over more output, so
    /// the pump need not be woken for this packet alone (issue 12: one wake-up per batch, not per SSH packet). Asked by
    /// the buffer only when a wake hangs on it.</summary>
    private bool MoreOnTheWire()
    {
        try
        {
            return _socket is not null && _socket.Available > 0;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }
}

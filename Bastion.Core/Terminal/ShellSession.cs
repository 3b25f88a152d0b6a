using System.Net.WebSockets;
using System.Text;
using Bastion.Core.Screen;

namespace Bastion.Core.Terminal;

/// <summary>
/// A shell and the browser sockets attached to it. One output pump per shell (decode, tap, screen model, then the
/// controlling attachment, whose flow window paces it); one input pump per attachment. The shell outlives its sockets
/// for <c>detachedGrace</c>; whatever ends it goes through <see cref="End"/>, and <see cref="RunAsync"/> then tells
/// the attached browser, closes the shell and returns the result.
/// <para>
/// Ordering: a new attachment gets <c>ready</c> and the screen snapshot inside the same gate under which the pump
/// appends to the screen model and sends, so no output is lost or doubled between the snapshot and live output.
/// </para>
/// </summary>
internal sealed partial class ShellSession : IDisposable
{
    private static readonly WebSocketCloseStatus TakenOverStatus = CloseCodes.TakenOver;

    private readonly string _sessionId;
    private readonly IShellChannel _shell;
    private readonly TerminalOptions _options;
    private readonly Encoding _encoding;
    private readonly ISessionTap? _tap;
    private readonly ScreenTracker? _screen;
    private readonly TimeSpan _grace;
    private readonly TimeProvider _time;
    private readonly OutputBuffer _buffer;
    private readonly OutputPump _pump;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopPump = new();
    private readonly TaskCompletionSource<SessionEnding> _ending = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<WatchAttachment> _watchers = [];
    private TerminalAttachment? _control;
    private string _controlUser = "";
    private int _cols;
    private int _rows;
    private ITimer? _graceTimer;
    private Task<OutputEnd> _pumpTask = Task.FromResult(OutputEnd.Cancelled);
    private int _started;
    private long _bytesFromClient;

    public ShellSession(
        string sessionId, IShellChannel shell, TerminalOptions options, Encoding encoding, ISessionTap? tap, ScreenTracker? screen,
        TimeSpan detachedGrace, TimeProvider time, int cols = 80, int rows = 24)
    {
        _cols = cols;
        _rows = rows;
        _sessionId = sessionId;
        _shell = shell;
        _options = options;
        _encoding = encoding;
        _tap = tap;
        _screen = screen;
        _grace = detachedGrace;
        _time = time;
        _buffer = new OutputBuffer(options.ServerBufferBytes, options.MaxBatchBytes, streamGap: options.OutputStreamGap);
        _pump = new OutputPump(_buffer, encoding, options.MaxBatchBytes, tap, DeliverAsync, WaitForRoomAsync);
    }

    /// <summary>The session is recorded: told to every socket in <c>ready</c>.</summary>
    public bool Recorded { get; init; }

    /// <summary>Its keystrokes are recorded too (the host's <c>recordInput</c>): told in <c>ready</c>.</summary>
    public bool RecordsInput { get; init; }

    /// <summary>Completes with the ending that won, once the session is ending.</summary>
    public Task<SessionEnding> Ending => _ending.Task;

    public bool IsEnded => _ending.Task.IsCompleted;

    public bool IsAttached
    {
        get
        {
            lock (_lock)
            {
                return _control is not null;
            }
        }
    }

    /// <summary>When the last controlling socket went away, while no other is attached.</summary>
    public DateTimeOffset? DetachedSince { get; private set; }

    /// <summary>The one way a session ends, whatever the reason; the first ending wins. False if it was ending already.</summary>
    public bool End(SessionEnding ending)
    {
        if (!_ending.TrySetResult(ending))
        {
            return false;
        }

        lock (_lock)
        {
            _graceTimer?.Dispose();
            _graceTimer = null;
        }

        return true;
    }

    /// <summary>Waits for the ending, lets the attached browser be told, then tears down in order: stop the pump,
    /// release SSH.NET's receive thread, close the shell (and the SSH connection), await the pump.</summary>
    public async Task<RelayResult> RunAsync()
    {
        var ending = await _ending.Task;
        TerminalAttachment? attached;
        lock (_lock)
        {
            attached = _control;
        }

        if (attached is not null)
        {
            await WaitQuietlyAsync(attached.Done, _options.CloseTimeout * 3);
        }

        await _stopPump.CancelAsync();
        _buffer.Abort();
        await _shell.DisposeAsync();
        await WaitQuietlyAsync(_pumpTask, Timeout.InfiniteTimeSpan);
        return new RelayResult(ending.Outcome, _pump.BytesRelayed, Interlocked.Read(ref _bytesFromClient), _shell.ExitStatus, ending.Detail);
    }

    /// <summary>After <see cref="RunAsync"/> and the attachments are done. The gate is left to the collector: a
    /// socket that outlived the close timeout may still pass through it once.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _graceTimer?.Dispose();
            _graceTimer = null;
        }

        _stopPump.Dispose();
    }

    private void Start()
    {
        _shell.Start(_buffer);
        _pumpTask = RunPumpAsync();
    }

    private async Task<OutputEnd> RunPumpAsync()
    {
        var end = await _pump.RunAsync(_stopPump.Token);
        if (end != OutputEnd.Cancelled)
        {
            var (outcome, detail) = TerminalRelay.Decide(end, null, _shell.Failure, false, _shell.HostUnresponsive);
            End(SessionEnding.Of(outcome, detail));
        }

        return end;
    }

    private async ValueTask DeliverAsync(ReadOnlyMemory<char> text, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            TerminalAttachment? target;
            lock (_lock)
            {
                _screen?.Append(text.Span);
                target = _control;

                // Watchers never hold the pump up: each has its own bounded queue (see WatchAttachment).
                if (_watchers.Count > 0)
                {
                    var copy = text.ToString();
                    foreach (var watcher in _watchers)
                    {
                        watcher.EnqueueOutput(copy, SnapshotLocked);
                    }
                }
            }

            if (target is not null)
            {
                await target.SendOutputAsync(text, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The controlling attachment's flow window paces the pump; none attached, nothing to wait for.</summary>
    private ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        TerminalAttachment? target;
        lock (_lock)
        {
            target = _control;
        }

        return target?.WaitForRoomAsync(cancellationToken) ?? ValueTask.CompletedTask;
    }

    private void Resized(int cols, int rows)
    {
        lock (_lock)
        {
            _screen?.Resize(cols, rows);
            (_cols, _rows) = (cols, rows);
            var size = TerminalProtocol.Size(cols, rows);
            foreach (var watcher in _watchers)
            {
                watcher.EnqueueSize(size, SnapshotLocked);
            }
        }
    }

    /// <summary>Drops every watching socket of <paramref name="user"/> (an invitation that was revoked or expired);
    /// the owner's controlling socket is not a watcher and stays.</summary>
    public void DropWatchers(string user)
    {
        lock (_lock)
        {
            foreach (var watcher in _watchers.Where(w => w.User == user))
            {
                watcher.Drop();
            }
        }
    }

    /// <summary>Under <see cref="_lock"/>.</summary>
    private string SnapshotLocked() => _screen?.Snapshot() ?? "";

    /// <summary>Tells everyone attached who is attached (on every join and leave: no silent watching).</summary>
    private async Task BroadcastParticipantsAsync()
    {
        TerminalAttachment? control;
        byte[] message;
        lock (_lock)
        {
            control = _control;
            var everyone = new List<(string, string)>();
            if (control is not null)
            {
                everyone.Add((_controlUser, "control"));
            }

            everyone.AddRange(_watchers.Select(w => (w.User, w.MayType ? "type" : "watch")));
            message = TerminalProtocol.Participants(everyone);
            foreach (var watcher in _watchers)
            {
                watcher.EnqueueParticipants(message, SnapshotLocked);
            }
        }

        if (control is not null && !IsEnded)
        {
            try
            {
                await control.SendRawAsync(message, _stopPump.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                // The session is ending.
            }
        }
    }

    private static async Task WaitQuietlyAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch
        {
            // The outcome is already decided; a late exception (cancellation, socket abort, timeout) is expected here.
        }
    }
}

using Bastion.Core.Terminal;

namespace Bastion.Core.Recording;

/// <summary>A session that has been audited as started and is being recorded; <see cref="Token"/> ends it when the
/// server stops or an admin kills it.</summary>
internal sealed class ActiveSession(TerminalSessionRequest request, SessionRecorder recorder, long startedTimestamp, CancellationToken stopping)
    : IDisposable
{
    private readonly CancellationTokenSource _kill = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    public TerminalSessionRequest Request { get; } = request;

    public SessionRecorder Recorder { get; } = recorder;

    public long StartedTimestamp { get; } = startedTimestamp;

    public CancellationToken Token => _kill.Token;

    /// <summary>Who killed the session, if someone did.</summary>
    public string? KilledBy { get; private set; }

    public void Kill(string by)
    {
        KilledBy = by;
        try
        {
            _kill.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session ended between the lookup and the kill: nothing left to stop.
        }
    }

    public void Dispose() => _kill.Dispose();
}

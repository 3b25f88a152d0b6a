using Bastion.Core.Terminal;

namespace Bastion.Core.Recording;

/// <summary>A session that has been audited as started and is being recorded.</summary>
internal sealed class ActiveSession(TerminalSessionRequest request, SessionRecorder recorder, long startedTimestamp)
{
    public TerminalSessionRequest Request { get; } = request;

    public SessionRecorder Recorder { get; } = recorder;

    public long StartedTimestamp { get; } = startedTimestamp;
}

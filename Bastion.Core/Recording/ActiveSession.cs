namespace Bastion.Core.Recording;

/// <summary>A session that has been audited as started and is being recorded.</summary>
internal sealed class ActiveSession(SessionFacts facts, SessionRecorder recorder, long startedTimestamp)
{
    public SessionFacts Facts { get; } = facts;

    public SessionRecorder Recorder { get; } = recorder;

    public long StartedTimestamp { get; } = startedTimestamp;
}

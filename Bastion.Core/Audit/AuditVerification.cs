namespace Bastion.Core.Audit;

/// <param name="Ok">True when every link and every hash checks out, and every recording matches its checkpoints.</param>
/// <param name="Checked">How many events were checked.</param>
/// <param name="LastSequence">The last event that verified.</param>
/// <param name="LastHash">Its hash: compare with an exported copy to detect truncation at the end.</param>
/// <param name="BadSequence">The first event that does not verify (for a deleted row: the one after the gap; for a
/// recording: the first checkpoint or <c>session.ended</c> it no longer matches).</param>
/// <param name="Problem">What is wrong with it, in words.</param>
/// <param name="RecordingsChecked">How many recordings were checked against their checkpoints and final hash.</param>
/// <param name="BadRecording">The first recording (file name) that does not match, when the chain itself verifies.</param>
/// <param name="BadSession">Its session id.</param>
internal sealed record AuditVerification(
    bool Ok, long Checked, long LastSequence, string LastHash, long? BadSequence, string? Problem,
    int RecordingsChecked = 0, string? BadRecording = null, string? BadSession = null);

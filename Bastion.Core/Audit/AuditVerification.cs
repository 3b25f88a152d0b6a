namespace Bastion.Core.Audit;

/// <param name="Ok">True when every link and every hash checks out.</param>
/// <param name="Checked">How many events were checked.</param>
/// <param name="LastSequence">The last event that verified.</param>
/// <param name="LastHash">Its hash: compare with an exported copy to detect truncation at the end.</param>
/// <param name="BadSequence">The first event that does not verify (for a deleted row: the one after the gap).</param>
/// <param name="Problem">What is wrong with it, in words.</param>
internal sealed record AuditVerification(bool Ok, long Checked, long LastSequence, string LastHash, long? BadSequence, string? Problem);

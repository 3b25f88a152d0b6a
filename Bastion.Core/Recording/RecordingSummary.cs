namespace Bastion.Core.Recording;

/// <param name="Sha256">Lower-case hex SHA-256 of the finished file, or null when it could not be read.</param>
/// <param name="Bytes">File size.</param>
/// <param name="SkippedChars">Output not recorded because of the size cap or a dropped backlog.</param>
/// <param name="Failed">True when the writer failed (disk error) or fell behind under the end-session policy.</param>
/// <param name="Failure">Why, when <paramref name="Failed"/>.</param>
internal sealed record RecordingSummary(string? Sha256, long Bytes, long SkippedChars, bool Failed, RecorderFailure Failure);

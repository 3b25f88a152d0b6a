namespace Bastion.Core.Recording;

/// <summary>The recording so far: its first <paramref name="Bytes"/> bytes hash to <paramref name="Sha256"/>.</summary>
/// <param name="Bytes">Length of the recording when the checkpoint was taken (whole lines, flushed).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of those bytes.</param>
/// <param name="Offset">Seconds since the session started (the recording's clock).</param>
internal sealed record RecordingCheckpoint(long Bytes, string Sha256, double Offset);

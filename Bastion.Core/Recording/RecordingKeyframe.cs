namespace Bastion.Core.Recording;

/// <summary>A place a player can start replaying from: the byte offset of a line that holds an output or resize
/// event, its real time, and the terminal's size and screen (alternate or not) just before it.</summary>
internal sealed record RecordingKeyframe(long Offset, double Time, int Cols, int Rows, bool Alt);

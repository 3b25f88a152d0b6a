namespace Bastion.Core.Recording;

/// <summary>A command line from <see cref="CommandLineTracker"/> with its offset into the recording, in seconds.</summary>
internal sealed record RecordedCommand(string Line, double Offset);

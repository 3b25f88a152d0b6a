namespace Bastion.Core.Recording;

/// <summary>Configuration section <c>Recording</c>.</summary>
public sealed class RecordingOptions
{
    public const string SectionName = "Recording";

    /// <summary>Where recordings go; the web host sets <c>&lt;dataDir&gt;/recordings</c> when empty.</summary>
    public string Directory { get; set; } = "";

    /// <summary>The most text (in UTF-16 units) waiting for the recording writer. Past it, <see cref="WhenBehind"/> applies.</summary>
    public int QueueLimitChars { get; set; } = 4 * 1024 * 1024;

    /// <summary>What happens when the writer falls behind past <see cref="QueueLimitChars"/>.</summary>
    public RecorderLagPolicy WhenBehind { get; set; } = RecorderLagPolicy.Wait;

    /// <summary>Recording size cap in bytes: past it, output is still relayed but only timing markers are recorded.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The longest a written event may sit in the writer's buffer before it reaches the file.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a running session appends a <c>recording.checkpoint</c> (the SHA-256 of the recording so far)
    /// to the audit chain, so a recording cut short or edited is detected even when the session never ended cleanly.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);
}

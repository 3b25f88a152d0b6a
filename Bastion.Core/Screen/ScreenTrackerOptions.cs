namespace Bastion.Core.Screen;

/// <summary>
/// Bounds of one session's screen model. Memory is cells x 16 bytes per buffer (normal, and alternate while a
/// full-screen program runs): 80x24 is 30 KiB, 200x60 is 188 KiB; the bounds cap a hostile size at
/// <see cref="MaxColumns"/> x <see cref="MaxRows"/> x 16 B x 2 = 2 MiB. Beyond a bound the model keeps the top-left
/// part and a restored screen is cut to it (the live output that follows still reaches the client in full).
/// </summary>
internal sealed record ScreenTrackerOptions
{
    public static ScreenTrackerOptions Default { get; } = new();

    /// <summary>Widest screen modelled; a wider one is clamped (default 400).</summary>
    public int MaxColumns { get; init; } = 400;

    /// <summary>Tallest screen modelled; a taller one is clamped (default 160).</summary>
    public int MaxRows { get; init; } = 160;

    /// <summary>Longest window title kept (OSC 0/2); a longer one is cut (default 256 characters).</summary>
    public int MaxTitleChars { get; init; } = 256;
}

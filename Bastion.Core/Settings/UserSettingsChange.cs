namespace Bastion.Core.Settings;

/// <summary>A user's change to their settings: a field left null keeps its current value.</summary>
internal sealed record UserSettingsChange
{
    public int? FontSize { get; init; }

    public string? FontFamily { get; init; }

    public string? Theme { get; init; }

    public string? CursorStyle { get; init; }

    public int? Scrollback { get; init; }

    public bool? CopyOnSelect { get; init; }
}

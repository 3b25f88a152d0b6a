namespace Bastion.Core.Settings;

/// <summary>One user's terminal and page settings (issue 14), one row per user; a user without a row gets
/// <see cref="UserSettingsRules.Defaults"/>. Values are always within <see cref="UserSettingsRules"/>' bounds.</summary>
internal sealed class UserSettings
{
    public Guid UserId { get; set; }

    public int FontSize { get; set; } = UserSettingsRules.DefaultFontSize;

    /// <summary>A CSS font-family list; empty means the page's default monospace stack.</summary>
    public string FontFamily { get; set; } = "";

    /// <summary>One of <see cref="UserSettingsRules.Themes"/>.</summary>
    public string Theme { get; set; } = UserSettingsRules.DefaultTheme;

    /// <summary>One of <see cref="UserSettingsRules.CursorStyles"/>.</summary>
    public string CursorStyle { get; set; } = UserSettingsRules.DefaultCursorStyle;

    /// <summary>Lines kept above the screen, per terminal.</summary>
    public int Scrollback { get; set; } = UserSettingsRules.DefaultScrollback;

    public bool CopyOnSelect { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

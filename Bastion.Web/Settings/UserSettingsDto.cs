using Bastion.Core.Settings;

namespace Bastion.Web.Settings;

/// <summary>The JSON of <c>/api/me/settings</c>; in a <c>PUT</c> a field left out keeps its value.</summary>
internal sealed record UserSettingsDto(int? FontSize, string? FontFamily, string? Theme, string? CursorStyle, int? Scrollback, bool? CopyOnSelect)
{
    public static UserSettingsDto From(UserSettings settings) =>
        new(settings.FontSize, settings.FontFamily, settings.Theme, settings.CursorStyle, settings.Scrollback, settings.CopyOnSelect);

    public UserSettingsChange ToChange() => new()
    {
        FontSize = FontSize,
        FontFamily = FontFamily,
        Theme = Theme,
        CursorStyle = CursorStyle,
        Scrollback = Scrollback,
        CopyOnSelect = CopyOnSelect,
    };
}

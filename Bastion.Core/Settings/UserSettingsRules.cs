using System.Text.RegularExpressions;
using Bastion.Core.Validation;

namespace Bastion.Core.Settings;

/// <summary>
/// The bounds of <see cref="UserSettings"/>: what the browser may store and what it gets back. The client applies
/// these values to xterm.js and to the page's CSS, so the font family is a bounded list of names and quotes (no
/// characters that could end a CSS declaration), and the themes and cursor styles are closed lists.
/// </summary>
internal static partial class UserSettingsRules
{
    public const int MinFontSize = 8;
    public const int MaxFontSize = 32;
    public const int DefaultFontSize = 14;
    public const int MinScrollback = 0;
    public const int MaxScrollback = 100_000;
    public const int DefaultScrollback = 10_000;
    public const int MaxFontFamilyLength = 200;
    public const string DefaultTheme = "dark";
    public const string DefaultCursorStyle = "block";

    /// <summary><c>system</c> follows the browser's <c>prefers-color-scheme</c>.</summary>
    public static readonly IReadOnlyList<string> Themes = ["dark", "light", "system"];

    /// <summary>xterm.js' <c>cursorStyle</c> values.</summary>
    public static readonly IReadOnlyList<string> CursorStyles = ["block", "underline", "bar"];

    public static UserSettings Defaults(Guid userId) => new() { UserId = userId };

    /// <summary>Field errors keyed by the API's JSON names; empty when <paramref name="change"/> is valid.</summary>
    public static FieldErrors Validate(UserSettingsChange change)
    {
        var errors = new FieldErrors();
        if (change.FontSize is < MinFontSize or > MaxFontSize)
        {
            errors.Add("fontSize", FieldMessages.FontSizeRange(MinFontSize, MaxFontSize));
        }

        if (change.Scrollback is < MinScrollback or > MaxScrollback)
        {
            errors.Add("scrollback", FieldMessages.ScrollbackRange(MinScrollback, MaxScrollback));
        }

        if (change.FontFamily is { } family && FontFamilyError(family) is { } familyError)
        {
            errors.Add("fontFamily", familyError);
        }

        if (change.Theme is { } theme && !Themes.Contains(theme))
        {
            errors.Add("theme", FieldMessages.ThemeUnknown(Themes));
        }

        if (change.CursorStyle is { } cursor && !CursorStyles.Contains(cursor))
        {
            errors.Add("cursorStyle", FieldMessages.CursorStyleUnknown(CursorStyles));
        }

        return errors;
    }

    /// <summary>Copies the set fields of a valid <paramref name="change"/> onto <paramref name="settings"/>.</summary>
    public static void Apply(UserSettings settings, UserSettingsChange change)
    {
        settings.FontSize = change.FontSize ?? settings.FontSize;
        settings.FontFamily = change.FontFamily?.Trim() ?? settings.FontFamily;
        settings.Theme = change.Theme ?? settings.Theme;
        settings.CursorStyle = change.CursorStyle ?? settings.CursorStyle;
        settings.Scrollback = change.Scrollback ?? settings.Scrollback;
        settings.CopyOnSelect = change.CopyOnSelect ?? settings.CopyOnSelect;
    }

    private static FieldMessage? FontFamilyError(string family)
    {
        if (family.Length > MaxFontFamilyLength)
        {
            return FieldMessages.FontFamilyTooLong(MaxFontFamilyLength);
        }

        return FontFamilyPattern().IsMatch(family)
            ? null
            : FieldMessages.FontFamilyFormat;
    }

    // Letters and digits of any script (CJK font names), spaces, commas, quotes, - _ . : nothing that ends a CSS value.
    [GeneratedRegex(@"^[\p{L}\p{N} ,""'\-_.]*$", RegexOptions.CultureInvariant)]
    private static partial Regex FontFamilyPattern();
}

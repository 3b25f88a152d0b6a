using System.Globalization;

namespace Bastion.Core.Validation;

/// <summary>One field's message: a stable <see cref="Code"/> (one of <see cref="FieldCodes"/>) with the values it
/// names, which the browser words from its string tables in the user's language, and the English <see cref="Text"/>
/// that API users read. Build them through <see cref="FieldMessages"/>, so each code has one English wording.</summary>
internal sealed record FieldMessage(string Code, string Text, IReadOnlyDictionary<string, string> Args)
{
    private static readonly IReadOnlyDictionary<string, string> s_none = new Dictionary<string, string>();

    public static FieldMessage Of(string code, string text) => new(code, text, s_none);

    public static FieldMessage Of(string code, string text, params (string Name, object Value)[] args) =>
        new(code, text, args.ToDictionary(a => a.Name, a => Convert.ToString(a.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal));
}

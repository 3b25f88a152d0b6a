namespace Bastion.Core.Audit;

/// <summary>Text from users and hosts is stored as data; JSON writers reject lone UTF-16 surrogates, so those
/// (which a browser can send as <c>\ud800</c>) become U+FFFD before anything is written.</summary>
internal static class TextSafety
{
    public static string ReplaceLoneSurrogates(string text)
    {
        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsSurrogate(span[i]))
            {
                return Fix(text);
            }
        }

        return text;
    }

    private static string Fix(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}

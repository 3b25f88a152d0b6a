namespace Bastion.Core.Terminal;

/// <summary>
/// The values an <c>error</c> message (or a problem reply) names in its <c>args</c> (issue 14), one way for every
/// sender. Counts are sent as invariant digits under the names the client formats as numbers (<c>running</c>,
/// <c>limit</c>, <c>seconds</c>, the size bounds: client/src/serverText.ts <c>numericArgs</c>); every other value is
/// shown as sent.
/// </summary>
internal static class ErrorArgs
{
    public static IReadOnlyDictionary<string, string> Of(params ReadOnlySpan<(string Name, string Value)> values)
    {
        var args = new Dictionary<string, string>(values.Length, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            args[name] = value;
        }

        return args;
    }

    /// <summary>A count as the client reads it.</summary>
    public static string Count(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

namespace Bastion.Core.Inventory;

/// <summary>
/// Labels (<c>key=value</c>) and groups as stored on a host: one canonical text form each, so equality in SQL and in
/// memory agree and a grant's label selector can be checked without a join table.
/// </summary>
internal static class HostTags
{
    public static IReadOnlyDictionary<string, string> ParseLabels(string? stored)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                labels[line[..eq]] = line[(eq + 1)..];
            }
        }

        return labels;
    }

    public static string FormatLabels(IEnumerable<KeyValuePair<string, string>>? labels) =>
        labels is null ? "" : string.Join('\n', labels.Select(kv => $"{kv.Key.Trim()}={kv.Value.Trim()}").Order(StringComparer.Ordinal));

    public static IReadOnlyList<string> ParseGroups(string? stored) =>
        (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string FormatGroups(IEnumerable<string>? groups) =>
        groups is null ? "" : string.Join(',', groups.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>A selector is <c>k=v</c> pairs separated by commas; a host matches when it has every pair. Null when a
    /// pair has no <c>=</c> or a key or value a label cannot have (<see cref="IsValidName"/>, <see cref="IsValidValue"/>):
    /// such a selector is refused as a grant's, and one stored before matches no host, in memory and in the database
    /// alike (a value with a line break had matched two labels in the listing's query and none in <c>Grant.Covers</c>).</summary>
    public static IReadOnlyDictionary<string, string>? ParseSelector(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return null;
        }

        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return null;
            }

            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (!IsValidName(key) || !IsValidValue(value))
            {
                return null;
            }

            pairs[key] = value;
        }

        return pairs.Count == 0 ? null : pairs;
    }

    public static bool MatchesSelector(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> selector) =>
        selector.All(kv => labels.TryGetValue(kv.Key, out var value) && value == kv.Value);

    /// <summary>Label keys and values, and group names: letters, digits and <c>.-_/</c>, 1 to 63 characters.</summary>
    public static bool IsValidName(string value) =>
        value.Length is > 0 and <= 63 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/');

    public static bool IsValidValue(string value) =>
        value.Length <= 63 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/');
}

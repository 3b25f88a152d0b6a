using System.Text;

namespace Bastion.Core.Recording.Search;

/// <summary>A short piece of an index row around the first match, on one line, with every matching word marked.</summary>
internal static class SearchSnippet
{
    public const int Before = 60;

    public const int After = 100;

    public static IReadOnlyList<SnippetPart> Build(string text, IReadOnlyList<string> terms)
    {
        var line = Flatten(text);
        var words = terms.SelectMany(SearchTerms.WordsOf).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var needles = terms.Concat(words).Where(n => n.Length > 0).OrderByDescending(n => n.Length).ToList();
        var first = needles.Select(n => line.IndexOf(n, StringComparison.OrdinalIgnoreCase)).Where(p => p >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, first - Before);
        var end = Math.Min(line.Length, first + After);
        var window = line[start..end];

        var marks = new bool[window.Length];
        foreach (var needle in needles)
        {
            for (var at = window.IndexOf(needle, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = window.IndexOf(needle, at + needle.Length, StringComparison.OrdinalIgnoreCase))
            {
                Array.Fill(marks, true, at, needle.Length);
            }
        }

        var parts = new List<SnippetPart>();
        if (start > 0)
        {
            parts.Add(new SnippetPart("…", false));
        }

        var run = new StringBuilder();
        for (var i = 0; i < window.Length; i++)
        {
            if (i > 0 && marks[i] != marks[i - 1])
            {
                parts.Add(new SnippetPart(run.ToString(), marks[i - 1]));
                run.Clear();
            }

            run.Append(window[i]);
        }

        if (run.Length > 0)
        {
            parts.Add(new SnippetPart(run.ToString(), marks[^1]));
        }

        if (end < line.Length)
        {
            parts.Add(new SnippetPart("…", false));
        }

        return parts;
    }

    private static string Flatten(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var flat = c is '\n' ? ' ' : c;
            if (flat == ' ' && builder.Length > 0 && builder[^1] == ' ')
            {
                continue;
            }

            builder.Append(flat);
        }

        return builder.ToString().Trim();
    }
}

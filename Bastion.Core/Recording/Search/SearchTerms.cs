using Bastion.Core.Validation;

namespace Bastion.Core.Recording.Search;

/// <summary>
/// Parses what an auditor typed: words separated by spaces, or a "quoted phrase"; every term must appear. A term is a
/// phrase of the words in it, as the index splits them (<c>back-21</c> is <c>back</c> then <c>21</c>), so terms are
/// words, not substrings. Bounded: <see cref="MaxQueryChars"/>, <see cref="MaxTerms"/>.
/// </summary>
internal static class SearchTerms
{
    public const int MaxQueryChars = 200;

    public const int MaxTerms = 8;

    /// <summary>The terms, or what is wrong with the query as a reply message (its code the browser words).</summary>
    public static (IReadOnlyList<string>? Terms, FieldMessage? Error) Parse(string? query)
    {
        var q = query?.Trim() ?? "";
        if (q.Length == 0)
        {
            return (null, ReplyMessages.SearchQueryMissing);
        }

        if (q.Length > MaxQueryChars)
        {
            return (null, ReplyMessages.SearchQueryTooLong(MaxQueryChars));
        }

        if (q.Any(char.IsControl))
        {
            return (null, ReplyMessages.SearchQueryControlCharacters);
        }

        var terms = new List<string>();
        var i = 0;
        while (i < q.Length)
        {
            if (char.IsWhiteSpace(q[i]))
            {
                i++;
                continue;
            }

            string term;
            if (q[i] == '"')
            {
                var close = q.IndexOf('"', i + 1);
                var end = close < 0 ? q.Length : close;
                term = q[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = i;
                while (end < q.Length && !char.IsWhiteSpace(q[end]))
                {
                    end++;
                }

                term = q[i..end];
                i = end;
            }

            if (term.Any(char.IsLetterOrDigit))
            {
                terms.Add(term.Trim());
            }
        }

        if (terms.Count == 0)
        {
            return (null, ReplyMessages.SearchQueryNoWords);
        }

        if (terms.Count > MaxTerms)
        {
            return (null, ReplyMessages.SearchQueryTooManyTerms(MaxTerms));
        }

        return (terms, null);
    }

    /// <summary>The words of a term as the index sees them (letters and digits).</summary>
    public static IEnumerable<string> WordsOf(string term)
    {
        var start = -1;
        for (var i = 0; i <= term.Length; i++)
        {
            var inWord = i < term.Length && char.IsLetterOrDigit(term[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return term[start..i];
                start = -1;
            }
        }
    }
}

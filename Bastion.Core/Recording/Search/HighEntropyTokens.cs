using System.Buffers;

namespace Bastion.Core.Recording.Search;

/// <summary>
/// The rule for a token nobody searches for (issue 12): random base64, keys and tokens. A candidate is a run of the
/// base64 alphabets' characters (ASCII letters and digits, <c>+ / _ -</c>), so a base64 line is one candidate even
/// where the index would cut it into words (its <c>=</c> padding goes with it; <c>TOKEN=</c> before one stays). It is high-entropy when it has at least <see cref="MinChars"/> characters,
/// a digit, and letters that change case often and irregularly: at least <see cref="MinSwitchesPerTenLetters"/> case
/// switches per 10 letters, and at least <see cref="MinIrregularPerHundredLetters"/> irregular case runs per 100 letters
/// (an upper-case run of two or more letters, or a lone lower-case letter between upper-case ones). Random base64 has
/// about 5 switches per 10 letters and 25 irregular runs per 100, and a digit in nearly every 20 characters;
/// camelCase and PascalCase identifiers (<c>getElementsByTagName</c>, one upper-case letter before each lower-case word)
/// have switches but few irregular runs and seldom a digit; paths, hostnames, English, numbers, and hex ids and commit
/// ids (one case only) have no switches, and CJK and other non-ASCII text is never a candidate.
/// Shares measured on real text in docs/PERFORMANCE.md.
/// </summary>
internal static class HighEntropyTokens
{
    public const int MinChars = 20;

    public const int MinSwitchesPerTenLetters = 3;

    public const int MinIrregularPerHundredLetters = 13;

    /// <summary>The characters of a candidate token: both base64 alphabets, without the padding.</summary>
    public static readonly SearchValues<char> TokenChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-");

    /// <summary>Whether <paramref name="token"/> (a run of <see cref="TokenChars"/>) is left out of the index.</summary>
    public static bool IsHighEntropy(ReadOnlySpan<char> token)
    {
        if (token.Length < MinChars)
        {
            return false;
        }

        var letters = 0;
        var switches = 0;
        var irregular = 0;
        var runs = 0;
        var runUpper = false;
        var runLength = 0;
        var digit = false;
        foreach (var c in token)
        {
            var upper = c is >= 'A' and <= 'Z';
            if (!upper && c is not (>= 'a' and <= 'z'))
            {
                digit |= char.IsAsciiDigit(c);
                continue;
            }

            letters++;
            if (runLength > 0 && upper != runUpper)
            {
                switches++;
                // The run that ends has one after it; a lone lower-case letter is irregular only between two runs.
                irregular += Irregular(runUpper, runLength, interior: runs > 0);
                runs++;
                runLength = 0;
            }

            runUpper = upper;
            runLength++;
        }

        if (switches == 0 || !digit)
        {
            return false; // one case only (words, paths, hex ids), or letters alone (identifiers)
        }

        irregular += Irregular(runUpper, runLength, interior: false);
        return switches * 10 >= letters * MinSwitchesPerTenLetters && irregular * 100 >= letters * MinIrregularPerHundredLetters;
    }

    private static int Irregular(bool upper, int length, bool interior) =>
        (upper && length >= 2) || (!upper && length == 1 && interior) ? 1 : 0;
}

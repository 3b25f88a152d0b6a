namespace Bastion.Core.Recording.Search;

/// <summary>What the index leaves out of a row's text (<see cref="SearchTextFilter"/>; the settings
/// <c>Search:SkipHighEntropyTokens</c> and <c>Search:SkipRepeatedLines</c>).</summary>
internal readonly record struct SearchTextRules(bool SkipHighEntropyTokens, bool SkipRepeatedLines)
{
    /// <summary>Both on: the settings' defaults.</summary>
    public static SearchTextRules Default => new(true, true);

    /// <summary>Every row as it was cut, as before issue 12.</summary>
    public static SearchTextRules None => new(false, false);
}

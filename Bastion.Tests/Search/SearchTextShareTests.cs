using System.Diagnostics;
using Bastion.Core.Recording.Search;
using Xunit.Abstractions;

namespace Bastion.Tests.Search;

/// <summary>
/// Issue 12: the share of the index's words the filter leaves out (<see cref="SearchTextFilter"/> with both rules on),
/// on this machine's own terminal text: nearly all of a base64 dump, next to nothing of <c>ls -laR</c>, man pages,
/// <c>git log</c>, <c>dmesg</c> and log files. Counted in words as the index splits them; printed per corpus
/// (docs/PERFORMANCE.md has the figures), so this test is also the measurement. A corpus this machine cannot give
/// (no permission for <c>dmesg</c>, no man pages) is said so in the output and not counted.
/// </summary>
public sealed class SearchTextShareTests(ITestOutputHelper output)
{
    /// <summary>The most of one corpus read (the test's memory).</summary>
    private const int CorpusChars = 4 * 1024 * 1024;

    /// <summary>What the repeated-lines rule may take of ordinary text (a listing's blank lines, a man page's
    /// rules and repeated headers); the token rule may take next to nothing.</summary>
    private const double OrdinaryTokenShareBound = 0.001;

    public static TheoryData<string, string> Ordinary => new()
    {
        { "ls -laR", "ls -laR /usr/lib /usr/share" },
        { "man pages", "for p in bash ls ssh tar find grep rsync openssl curl; do MANWIDTH=120 man -P cat $p 2>/dev/null; done" },
        { "git log", "git -C \"$BASTION_REPO\" log --stat -n 3000" },
        { "dmesg", "dmesg" },
        { "journal and logs", "journalctl --no-pager -n 50000 -q 2>/dev/null; cat /var/log/*.log /var/log/*/*.log 2>/dev/null" },
        { "source code", "cat \"$BASTION_REPO\"/Bastion.Core/*/*.cs /usr/include/*.h 2>/dev/null" },
    };

    [Theory]
    [MemberData(nameof(Ordinary))]
    public async Task OrdinaryText_LosesNextToNothing(string name, string command)
    {
        var text = await CorpusAsync(command);
        if (SearchTextFilterTests.Words(text) < 1000)
        {
            output.WriteLine($"{name}: not available on this machine ({text.Length} characters)");
            return;
        }

        var (tokens, lines) = Shares(name, text);
        Assert.True(tokens <= OrdinaryTokenShareBound, $"{name}: {tokens:P3} of the words left out as random tokens");
        Assert.True(lines < 0.5, $"{name}: {lines:P1} of the words left out as repeated lines");
    }

    [Fact]
    public async Task ABase64Dump_IsLeftOut()
    {
        var text = await CorpusAsync("head -c 2000000 /dev/urandom | base64");
        var (tokens, _) = Shares("base64 (76-character lines)", text);
        Assert.True(tokens >= 0.95, $"{tokens:P1} of a base64 dump's words left out");
    }

    /// <summary>The share of words each rule alone leaves out, and both together, in rows cut at line breaks as the
    /// bucketer cuts them (a repeated line is left out within its row only). The repeated-lines rule never takes a
    /// word from a row's set of words, only its repetitions: checked here on every row.</summary>
    private (double Tokens, double Lines) Shares(string name, string text)
    {
        var rows = Rows(text);
        var words = (double)rows.Sum(SearchTextFilterTests.Words);
        double Share(SearchTextRules rules)
        {
            var filter = new SearchTextFilter(rules);
            var kept = 0;
            foreach (var row in rows)
            {
                var filtered = filter.Filter(row) ?? "";
                kept += SearchTextFilterTests.Words(filtered);
                if (!rules.SkipHighEntropyTokens)
                {
                    Assert.True(WordSet(row).SetEquals(WordSet(filtered)), $"{name}: a row lost a word to the repeated-lines rule");
                }
            }

            return 1 - kept / words;
        }

        var tokens = Share(new SearchTextRules(true, false));
        var lines = Share(new SearchTextRules(false, true));
        var both = Share(SearchTextRules.Default);
        output.WriteLine($"{name}: {words:N0} words in {text.Length:N0} characters, {rows.Count:N0} rows; left out: random tokens {tokens:P3}, " +
            $"repetitions of a line in its row {lines:P2} (no row lost a word), both {both:P2}");
        return (tokens, lines);
    }

    private static List<string> Rows(string text)
    {
        var rows = new List<string>();
        for (var at = 0; at < text.Length;)
        {
            var length = Math.Min(SearchBucketer.MaxChars, text.Length - at);
            var lastBreak = text.LastIndexOf('\n', at + length - 1, length);
            if (lastBreak > at && at + length < text.Length)
            {
                length = lastBreak + 1 - at;
            }

            rows.Add(text.Substring(at, length));
            at += length;
        }

        return rows;
    }

    private static HashSet<string> WordSet(string text) => SearchTerms.WordsOf(text).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static async Task<string> CorpusAsync(string command)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["BASTION_REPO"] = RepoPaths.Root;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("no shell");
        var errors = process.StandardError.ReadToEndAsync();
        var buffer = new char[CorpusChars];
        var length = 0;
        while (length < buffer.Length && await process.StandardOutput.ReadAsync(buffer.AsMemory(length)).AsTask().WithTimeout(TimeSpan.FromMinutes(2)) is var read and > 0)
        {
            length += read;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().WithTimeout(TimeSpan.FromMinutes(1));
        await errors.WithTimeout(TimeSpan.FromMinutes(1));
        return new string(buffer, 0, length);
    }
}

using System.Text;
using Bastion.Core.Recording.Search;

namespace Bastion.Tests.Search;

/// <summary>The pure parts of the index: what text is kept, how it is cut in time, what a query means.</summary>
public sealed class SearchIndexingUnitTests
{
    [Theory]
    [InlineData("\x1b[1;32mgreen\x1b[0m text", "green text")]
    [InlineData("\x1b]0;title\aafter", "after")]
    [InlineData("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link")]
    [InlineData("\x1bPq#0;2;0;0;0\x1b\\ok", "ok")]
    [InlineData("a\r\nb\rc\n", "a\nb\nc\n")]
    [InlineData("\x1b(Bx\x1b=y\tz\a", "xy z")]
    [InlineData("\u009b31mred", "red")]
    public void Stripper_KeepsWhatAReaderSaw(string input, string expected)
    {
        var text = new StringBuilder();
        new AnsiStripper().Append(input, text);
        Assert.Equal(expected, text.ToString());
    }

    [Fact]
    public void Stripper_DropsASequenceSplitAcrossEvents()
    {
        var stripper = new AnsiStripper();
        var text = new StringBuilder();
        stripper.Append("be\x1b[3", text);
        stripper.Append("8;5;200mfore", text);
        Assert.Equal("before", text.ToString());
    }

    [Fact]
    public void Stripper_AnUnendedStringGivesTextBack_AfterItsBound()
    {
        var text = new StringBuilder();
        new AnsiStripper().Append("\x1b]" + new string('x', AnsiStripper.MaxSequenceChars + 10) + "tail", text);
        Assert.EndsWith("tail", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bucketer_CutsByTheSecond_AndEachRowHasItsOwnOffset()
    {
        var rows = new List<SearchChunk>();
        var bucketer = new SearchBucketer('o');
        bucketer.Add(0.1, "one\r\n", rows);
        bucketer.Add(0.5, "two\r\n", rows);
        bucketer.Add(3.25, "three\r\n", rows);
        bucketer.Flush(rows);
        Assert.Equal([(100L, "one\ntwo\n"), (3250L, "three\n")], rows.Select(r => (r.OffsetMs, r.Text)).ToArray());
    }

    [Fact]
    public void Bucketer_ALineEchoedACharacterAtATime_IsOneWord_AtItsStart()
    {
        var rows = new List<SearchChunk>();
        var bucketer = new SearchBucketer('o');
        var t = 5.0;
        foreach (var c in "back-21\r\n")
        {
            bucketer.Add(t, c.ToString(), rows);
            t += 0.4;
        }

        bucketer.Add(t + 0.1, "next\r\n", rows);
        bucketer.Flush(rows);
        Assert.Contains(rows, r => r.Text.Contains("back-21", StringComparison.Ordinal) && r.OffsetMs == 5000);
        Assert.Contains(rows, r => r.Text.Contains("next", StringComparison.Ordinal) && r.OffsetMs > 8000);
    }

    [Fact]
    public void Bucketer_APromptLeftWaiting_IsNotTheOffsetOfWhatComesLater()
    {
        var rows = new List<SearchChunk>();
        var bucketer = new SearchBucketer('o');
        bucketer.Add(1, "user@host:~$ ", rows);
        bucketer.Add(60, "ls\r\nmarker\r\n", rows);
        bucketer.Flush(rows);
        Assert.Contains(rows, r => r.Text.Contains("marker", StringComparison.Ordinal) && r.OffsetMs == 60_000);
    }

    [Fact]
    public void Bucketer_AHugeEvent_BecomesBoundedRows()
    {
        var rows = new List<SearchChunk>();
        var bucketer = new SearchBucketer('o');
        bucketer.Add(2, string.Concat(Enumerable.Repeat("word ", 10_000)), rows);
        bucketer.Flush(rows);
        Assert.True(rows.Count >= 6);
        Assert.All(rows, r => Assert.True(r.Text.Length < 2 * SearchBucketer.MaxChars));
        Assert.All(rows, r => Assert.Equal(2000, r.OffsetMs));
    }

    [Fact]
    public void Terms_AreWordsOrQuotedPhrases_AndSyntaxIsJustText()
    {
        Assert.Equal(["back-21", "rm -rf", "x*"], SearchTerms.Parse("  back-21 \"rm -rf\" x* ").Terms);
        Assert.Equal(["NEAR(a"], SearchTerms.Parse("NEAR(a").Terms);
        Assert.Null(SearchTerms.Parse("\"\" --").Terms);
        Assert.Equal(["back", "21"], SearchTerms.WordsOf("back-21").ToArray());
    }

    [Fact]
    public void Snippet_MarksTheMatch_AroundIt()
    {
        var parts = SearchSnippet.Build(new string('a', 200) + " <script>back-21</script> " + new string('b', 200), ["back-21"]);
        Assert.Equal("…", parts[0].Text);
        Assert.Equal("…", parts[^1].Text);
        Assert.Equal("back-21", Assert.Single(parts, p => p.Hit).Text);
        Assert.Contains(parts, p => p.Text.Contains("<script>", StringComparison.Ordinal) && !p.Hit);
    }

    [Fact]
    public async Task TailReader_ReadsOnlyFinishedLines_AndResumesWhereItStopped()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tail-{Guid.NewGuid():N}.cast");
        try
        {
            await File.WriteAllTextAsync(path, "{\"version\":2}\n[0.5,\"o\",\"one\"]\n[0.7,\"i\",\"x\"]\n[1.0,\"m\",\"marker\"]\n[1.5,\"o\",\"tw");
            var events = new List<(double, char, string)>();
            var first = await ReadAsync(path, 0, 1 << 20, events);
            Assert.Equal([(0.5, 'o', "one"), (0.7, 'i', "x")], events);
            Assert.False(first.AtEnd);
            await File.AppendAllTextAsync(path, "o\"]\n");
            events.Clear();
            var second = await ReadAsync(path, first.NextByte, 1 << 20, events);
            Assert.Equal([(1.5, 'o', "two")], events);
            Assert.True(second.AtEnd);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TailReader_EscapedText_ComesBackUnescaped_ThroughItsReusedBuffer()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tail-{Guid.NewGuid():N}.cast");
        try
        {
            var long1 = new string('a', 70_000);
            await File.WriteAllTextAsync(path, "{\"version\":2}\n[0.1,\"o\",\"\\u001b[1m\\u00e9\\\"q\\\"\\r\\n\"]\n[0.2,\"o\",\"" + long1 + "\"]\n[0.3,\"o\",\"\u4e2d\"]\n");
            var events = new List<(double, char, string)>();
            var tail = await ReadAsync(path, 0, 1 << 20, events);
            Assert.Equal([(0.1, 'o', "\u001b[1m\u00e9\"q\"\r\n"), (0.2, 'o', long1), (0.3, 'o', "\u4e2d")], events);
            Assert.True(tail.AtEnd);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TailReader_InPassesSmallerThanItsChunk_ReadsEachByteOnce()
    {
        // Issue 12: a pass that stopped at its budget in the middle of a chunk read the rest of that chunk again on the
        // next pass (up to 64 KiB per pass). Now a pass takes its last chunk's complete lines.
        var path = Path.Combine(Path.GetTempPath(), $"tail-{Guid.NewGuid():N}.cast");
        try
        {
            var lines = string.Concat(Enumerable.Range(0, 2000).Select(i => $"[{i}.5,\"o\",\"line {i} of the flood\\r\\n\"]\n"));
            await File.WriteAllTextAsync(path, "{\"version\":2}\n" + lines);
            var length = new FileInfo(path).Length;
            var events = new List<(double, char, string)>();
            long from = 0, read = 0;
            var passes = 0;
            while (true)
            {
                var tail = await ReadAsync(path, from, 1000, events);
                passes++;
                read += tail.BytesRead;
                from = tail.NextByte;
                if (tail.AtEnd)
                {
                    break;
                }
            }

            Assert.Equal(2000, events.Count);
            Assert.Equal(length, from);
            Assert.InRange(read, length, length + 64); // what is read again is at most the unfinished last line of a chunk
            Assert.True(passes < 5, $"{passes} passes");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TailReader_ALineAcrossSeveralReads_ComesBackWhole()
    {
        // Issue 12: a line is parsed where it was read unless it runs across reads (64 KiB each); then it is copied.
        var path = Path.Combine(Path.GetTempPath(), $"tail-{Guid.NewGuid():N}.cast");
        try
        {
            var big = new string('w', 150_000);
            await File.WriteAllTextAsync(path, "{\"version\":2}\n[0.5,\"o\",\"before\"]\n[1.5,\"o\",\"" + big + "\"]\n[2.5,\"o\",\"after\"]\n");
            var events = new List<(double, char, string)>();
            var tail = await ReadAsync(path, 0, 1024 * 1024, events);
            Assert.True(tail.AtEnd);
            Assert.Equal(0, tail.SkippedLines);
            Assert.Equal(["before", big, "after"], events.Select(e => e.Item3).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Task<CastTail> ReadAsync(string path, long from, long maxBytes, List<(double, char, string)> into) =>
        CastTailReader.ReadAsync(path, from, maxBytes, (offset, kind, text) => into.Add((offset, kind, text.ToString())), CancellationToken.None);
}

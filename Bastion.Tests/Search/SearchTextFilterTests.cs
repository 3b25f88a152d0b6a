using Bastion.Core.Recording.Search;

namespace Bastion.Tests.Search;

/// <summary>Issue 12: what the index leaves out of a row (random-looking tokens, repeated lines) and what it keeps
/// (everything people search for), counted in words as the index splits them.</summary>
public sealed class SearchTextFilterTests
{
    /// <summary>What people search for, each kept character for character.</summary>
    public static TheoryData<string> Kept => new()
    {
        "commit 3f9c2a7d1e5b8c4f6a0d2e1b7c9f4a3d5e6b8c0a",
        "a3f1c9e2b7d4058e6f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7 nginx:1.27 Up 3 hours",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "550e8400-e29b-41d4-a716-446655440000 10.20.30.40 fe80::1ff:fe23:4567:890a 2026-12-02T19:51:45.123Z",
        "/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1 /etc/systemd/system/multi-user.target.wants/ssh.service",
        "getElementsByTagName AbstractSingletonProxyFactoryBean XMLHttpRequestFactoryBean IsAsciiLetterOrDigit",
        "MAX_RETRY_COUNT_EXCEEDED snake_case_identifier_name PNG_TEXT_COMPRESSION_zTXt CMakeOBJCXXCompilerABI",
        "IndexingAFlood_AllocatesLittleMoreThanItsRows Gateway_OfAHostThatIsAGateway_IsAFieldError",
        "DigiCert_Global_Root_G2 OISTE_WISeKey_Global_Root_GB_CA ThinkStation-P620-Main-HiFi DejaVuSansMono-BoldOblique",
        "kernel: EXT4-fs (nvme0n1p2): mounted filesystem with ordered data mode. Quota mode: none.",
        "ssh: connect to host db-prod-07.example.net port 22: Connection refused",
        "部署完成，连接被拒绝 データベースに接続できません Größe überschritten ошибка подключения",
        "AKIAIOSFODNN7EXAMPLE 1234567890123456789012345 https://github.com/owner/SomeProject/pull/1234",
    };

    [Theory]
    [MemberData(nameof(Kept))]
    public void WhatPeopleSearchFor_IsKeptAsItIs(string line)
    {
        var filter = new SearchTextFilter(SearchTextRules.Default);
        Assert.Equal(line, filter.Filter(line));
    }

    [Theory]
    [InlineData(90, 0.99)] // the bench's flood: 120 characters a line
    [InlineData(57, 0.97)] // base64's own 76-character lines
    [InlineData(24, 0.8)] // 32-character tokens, as API keys: fewer letters, so a little more luck to look regular
    public void RandomBase64_IsLeftOut_NearlyAllOfIt(int bytesPerLine, double least)
    {
        var random = new Random(7);
        var bytes = new byte[bytesPerLine];
        var lines = Enumerable.Range(0, 2000).Select(_ =>
        {
            random.NextBytes(bytes);
            return Convert.ToBase64String(bytes);
        }).ToList();
        var text = string.Join("\n", lines);

        var kept = new SearchTextFilter(SearchTextRules.Default).Filter(text) ?? "";
        var share = 1 - (double)Words(kept) / Words(text);
        Assert.True(share >= least, $"{share:P1} of the words left out");
        Assert.DoesNotContain(lines.First(l => HighEntropyTokens.IsHighEntropy(l)), kept, StringComparison.Ordinal);
    }

    [Fact]
    public void ALeftOutToken_LeavesAMark_AndTheWordsAroundIt()
    {
        var key = "AAAAB3NzaC1yc2EAAAADAQABAAABgQDMxyZq7Hk2lT9vBw3RfY0uJpXe";
        var filter = new SearchTextFilter(SearchTextRules.Default);
        Assert.Equal("ssh-rsa " + SearchTextFilter.Elided + " deploy@bastion", filter.Filter($"ssh-rsa {key} deploy@bastion"));
        Assert.Equal($"export TOKEN={SearchTextFilter.Elided}; curl", filter.Filter($"export TOKEN={key}; curl"));
    }

    [Fact]
    public void ARowOfNothingButRandomTokens_IsNoRow()
    {
        var filter = new SearchTextFilter(SearchTextRules.Default);
        Assert.Null(filter.Filter("Zx8Qp2Lm9KvR4tYbN7wE1sDf\nGh5Jk3LmQwErTyUiOpAsDfGhJkL\n"));
    }

    [Fact]
    public void ARepeatedLine_IsKeptOnce_InItsFirstPlace()
    {
        var filter = new SearchTextFilter(SearchTextRules.Default);
        Assert.Equal("retrying db\nok 1\nok 2\n", filter.Filter("retrying db\nok 1\nretrying db\nok 2\nretrying db\nok 1\n"));
        // Lines that differ only in a left-out token are the same line to the index.
        Assert.Equal($"key {SearchTextFilter.Elided}\n", filter.Filter("key Zx8Qp2Lm9KvR4tYbN7wE1sDf\nkey Gh5Jk3LmQwErTyUiOpAsDfGhJkL\n"));
    }

    [Fact]
    public void ThousandsOfLines_WithSharedHashesOrNot_AreComparedByTheirText()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"line {i % 1000}").ToList();
        var kept = new SearchTextFilter(SearchTextRules.Default).Filter(string.Join("\n", lines)) ?? "";
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"line {i}"), kept.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void EachRuleOff_KeepsWhatItWouldLeaveOut()
    {
        var text = "key Zx8Qp2Lm9KvR4tYbN7wE1sDf\nok\nok\n";
        Assert.Equal(text, new SearchTextFilter(SearchTextRules.None).Filter(text));
        Assert.Equal("key Zx8Qp2Lm9KvR4tYbN7wE1sDf\nok\n", new SearchTextFilter(new SearchTextRules(false, true)).Filter(text));
        Assert.Equal($"key {SearchTextFilter.Elided}\nok\nok\n", new SearchTextFilter(new SearchTextRules(true, false)).Filter(text));
    }

    [Fact]
    public void TheBucketer_StoresTheFilteredRow()
    {
        var rows = new List<SearchChunk>();
        var bucketer = new SearchBucketer('o', new SearchTextFilter(SearchTextRules.Default));
        bucketer.Add(0.1, "Zx8Qp2Lm9KvR4tYbN7wE1sDf\r\n", rows);
        bucketer.Add(2, "done\r\ndone\r\n", rows);
        bucketer.Flush(rows);
        Assert.Equal([(2000L, "done\n")], rows.Select(r => (r.OffsetMs, r.Text)).ToArray());
    }

    internal static int Words(string text) => SearchTerms.WordsOf(text).Count();
}

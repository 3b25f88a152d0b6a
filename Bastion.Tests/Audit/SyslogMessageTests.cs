using System.Text;
using Bastion.Core.Audit;
using Bastion.Core.Audit.Export;

namespace Bastion.Tests.Audit;

public sealed class SyslogMessageTests
{
    private static readonly SyslogFormat Format = new(Facility: 10, Hostname: "node-1", AppName: "bastion", EnterpriseId: 32473, MaxMessageBytes: 8192);

    private static AuditRecord Record(string type = AuditEventTypes.LoginFailed, string dataJson = """{"reason":"bad","user":"x\"y]z\\w"}""") => new()
    {
        Sequence = 42,
        TimeMs = 1_796_000_000_123,
        Type = type,
        Actor = null,
        ClientAddress = "127.0.0.1",
        DataJson = dataJson,
        PrevHash = new string('a', 64),
        Hash = new string('b', 64),
    };

    [Fact]
    public void Format_WritesTheRfc5424Header_WithPriorityFromFacilityAndSeverity()
    {
        var text = SyslogMessage.Format(Record(), Format);

        // authpriv (10) * 8 + warning (4) for a failed login; version 1; UTC with milliseconds; no PROCID.
        Assert.StartsWith("<84>1 2026-11-30T", text);
        var line = SyslogLine.Parse(text);
        Assert.Equal(84, line.Priority);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_123).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), line.Timestamp);
        Assert.Equal(("node-1", "bastion", "-", "auth.login.failed"), (line.Hostname, line.AppName, line.ProcId, line.MsgId));
        Assert.Equal(86, SyslogLine.Parse(SyslogMessage.Format(Record(AuditEventTypes.SessionStarted), Format)).Priority);
    }

    [Fact]
    public void Format_PutsTheChainAndTheData_InStructuredData_EscapedPerRfc5424()
    {
        var text = SyslogMessage.Format(Record(), Format);

        // §6.3.3: '"', '\' and ']' in a value are escaped with a backslash.
        Assert.Contains("""user="x\"y\]z\\w" """.TrimEnd(), text);
        var line = SyslogLine.Parse(text);
        Assert.Equal("42", line.Param("bastion@32473", "seq"));
        Assert.Equal(new string('b', 64), line.Param("bastion@32473", "hash"));
        Assert.Equal(new string('a', 64), line.Param("bastion@32473", "prev"));
        Assert.Equal("auth.login.failed", line.Param("bastion@32473", "type"));
        Assert.Equal("127.0.0.1", line.Param("bastion@32473", "ip"));
        Assert.Null(line.Param("bastion@32473", "actor"));
        Assert.Equal("x\"y]z\\w", line.Param("bastion-data@32473", "user"));
        Assert.StartsWith("auth.login.failed by system from 127.0.0.1: reason=bad, user=x\"y]z\\w", line.Message);
    }

    [Fact]
    public void Frame_PrefixesTheUtf8ByteCount()
    {
        var frame = SyslogMessage.Frame(Record(dataJson: """{"name":"é€😀"}"""), Format);

        var text = Encoding.UTF8.GetString(frame);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        Assert.Equal(frame.Length - space - 1, int.Parse(text[..space], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Format_ANewlineInAValue_StaysOnOneLine()
    {
        var text = SyslogMessage.Format(Record(dataJson: """{"reason":"a\nb\rc"}"""), Format);

        Assert.DoesNotContain('\n', text);
        Assert.DoesNotContain('\r', text);
    }

    [Fact]
    public void Format_TooLong_CutsTheSummaryThenTheData_NeverTheChainFields()
    {
        var big = new string('x', 3000);
        var small = Format with { MaxMessageBytes = 1500 };

        var text = SyslogMessage.Format(Record(dataJson: $$"""{"names":"{{big}}"}"""), small);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= 1500, $"{Encoding.UTF8.GetByteCount(text)} bytes");
        var line = SyslogLine.Parse(text);
        Assert.Equal("42", line.Param("bastion@32473", "seq"));
        Assert.Equal(new string('b', 64), line.Param("bastion@32473", "hash"));
        Assert.Equal("data", line.Param("bastion@32473", "truncated"));

        var fits = SyslogMessage.Format(Record(dataJson: """{"names":"short"}"""), small with { MaxMessageBytes = 480 });
        Assert.True(Encoding.UTF8.GetByteCount(fits) <= 480);
        Assert.Equal("short", SyslogLine.Parse(fits).Param("bastion-data@32473", "names"));
    }

    [Theory]
    [InlineData("authpriv", 10)]
    [InlineData("AUTH", 4)]
    [InlineData("local7", 23)]
    [InlineData("16", 16)]
    [InlineData("24", null)]
    [InlineData("kernel", null)]
    [InlineData("", null)]
    public void Facility_TakesNamesAndNumbers(string value, int? expected) => Assert.Equal(expected, SyslogFacility.Parse(value));
}

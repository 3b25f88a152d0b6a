using System.Buffers;
using System.Text;
using System.Text.Json;
using Bastion.Core.Terminal;

namespace Bastion.Tests.Unit;

public sealed class TerminalProtocolTests
{
    private static ClientMessage Parse(string json) => TerminalProtocol.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Input_IsParsed()
    {
        var message = Parse("""{"flag":"input","data":"ls -l\r中"}""");
        Assert.Equal(ClientMessageKind.Input, message.Kind);
        Assert.Equal("ls -l\r中", message.Data);
    }

    [Fact]
    public void UnknownFields_AreIgnored()
    {
        Assert.Equal(ClientMessageKind.Input, Parse("""{"x":{"deep":[1,2]},"flag":"input","data":"a"}""").Kind);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1000, 500)]
    [InlineData(80, 24)]
    public void Resize_WithinBounds_IsParsed(int cols, int rows)
    {
        var message = Parse($$"""{"flag":"resize","cols":{{cols}},"rows":{{rows}}}""");
        Assert.Equal((ClientMessageKind.Resize, cols, rows), (message.Kind, message.Cols, message.Rows));
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(1001, 24)]
    [InlineData(80, 0)]
    [InlineData(80, 501)]
    [InlineData(-1, 24)]
    [InlineData(99999999999, 24)]
    public void Resize_OutOfBounds_IsABadSize(long cols, int rows)
    {
        var message = Parse($$"""{"flag":"resize","cols":{{cols}},"rows":{{rows}}}""");
        Assert.Equal((ClientMessageKind.Invalid, ErrorCodes.BadSize), (message.Kind, message.ErrorCode));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"input\"")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("{}")]
    [InlineData("""{"flag":"nope"}""")]
    [InlineData("""{"flag":"input"}""")]
    [InlineData("""{"flag":"input","data":1}""")]
    [InlineData("""{"flag":1,"data":"a"}""")]
    [InlineData("""{"flag":"resize","cols":"80","rows":24}""")]
    [InlineData("""{"flag":"ack","bytes":0}""")]
    [InlineData("""{"flag":"ack","bytes":-5}""")]
    [InlineData("""{"flag":"ack"}""")]
    [InlineData("""{"flag":"input","data":"a"} trailing""")]
    [InlineData("""{"flag":"input","data":"a"}{"flag":"input","data":"b"}""")]
    [InlineData("""{"a":[[[[[[[[[[1]]]]]]]]]],"flag":"input","data":"a"}""")]
    public void Malformed_IsInvalid_NeverThrows(string json)
    {
        var message = Parse(json);
        Assert.Equal(ClientMessageKind.Invalid, message.Kind);
        Assert.False(string.IsNullOrEmpty(message.Error));
    }

    [Fact]
    public void RandomBytes_NeverThrow()
    {
        var random = new Random(1234);
        var buffer = new byte[256];
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            _ = TerminalProtocol.Parse(buffer.AsSpan(0, length));
        }
    }

    [Fact]
    public void Ack_IsParsed()
    {
        Assert.Equal(12345, Parse("""{"flag":"ack","bytes":12345}""").Bytes);
    }

    [Fact]
    public void Output_RoundTrips_ControlCharactersAndCjk()
    {
        const string text = "\u001b[31m红色\u001b[0m \"quoted\" \\ \r\n\u0000\u0007";
        var buffer = new ArrayBufferWriter<byte>();

        TerminalProtocol.WriteOutput(buffer, text);

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal("success", doc.RootElement.GetProperty("flag").GetString());
        Assert.Equal(text, doc.RootElement.GetProperty("message").GetString());
        Assert.Contains("红色", Encoding.UTF8.GetString(buffer.WrittenSpan)); // CJK stays unescaped (smaller frames)
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ascii, no escapes at all")]
    [InlineData("\u001b[1;32muser@host\u001b[0m:~$ ")]
    [InlineData("\"\\\"\\")]
    [InlineData("\u0000\u0001\u0008\u0009\u000a\u000b\u000c\u000d\u001f\u007f\u0080\u009f")]
    [InlineData("混合 CJK 和 emoji 😀 and a combining e\u0301")]
    [InlineData("\u2028\u2029\ufeff\ufffd")]
    public void OutputFrame_RoundTripsThroughJson(string text)
    {
        using var frame = OutputFrame.Encode(text);

        using var doc = JsonDocument.Parse(frame.Memory);
        Assert.Equal("success", doc.RootElement.GetProperty("flag").GetString());
        Assert.Equal(text, doc.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void OutputFrame_RoundTripsLongEscapeHeavyText_PastItsFirstBuffer()
    {
        // Control characters take 6 bytes each, twice the buffer's first guess: the frame grows.
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)(i % 40)));
        using var frame = OutputFrame.Encode(text);

        using var doc = JsonDocument.Parse(frame.Memory);
        Assert.Equal(text, doc.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void OutputFrame_ReplacesALoneSurrogate()
    {
        using var frame = OutputFrame.Encode("a\ud800b");

        using var doc = JsonDocument.Parse(frame.Memory);
        Assert.Equal("a\ufffdb", doc.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void OutputFrame_EscapesOnlyWhatJsonRequires()
    {
        using var frame = OutputFrame.Encode("\u001b[0m\r\n</b>&中");

        Assert.Equal("{\"flag\":\"success\",\"message\":\"\\u001B[0m\\r\\n</b>&中\"}", Encoding.UTF8.GetString(frame.Memory.Span));
    }

    [Fact]
    public void Output_EscapesHtmlSensitiveCharactersOnlyAsJsonRequires()
    {
        var buffer = new ArrayBufferWriter<byte>();
        TerminalProtocol.WriteOutput(buffer, "</script><b>");
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal("</script><b>", doc.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void Error_HasFlagCodeAndMessage()
    {
        using var doc = JsonDocument.Parse(TerminalProtocol.Error("host_key_mismatch", "expected A, got B"));
        Assert.Equal("error", doc.RootElement.GetProperty("flag").GetString());
        Assert.Equal("host_key_mismatch", doc.RootElement.GetProperty("code").GetString());
        Assert.Equal("expected A, got B", doc.RootElement.GetProperty("message").GetString());
    }
}

using System.Text.Json;
using Bastion.Testing;

namespace Bastion.Tests.Web;

/// <summary>RFC 6455 by hand: what a minimal, hand-written client sends must work.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class WebSocketConformanceTests(BastionFixture bastion)
{
    [Fact]
    public void AcceptKey_MatchesTheRfcExample()
    {
        // RFC 6455 §1.3: key "dGhlIHNhbXBsZSBub25jZQ==" → accept "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", RawWebSocket.ComputeAccept("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    [Fact]
    public async Task HandWrittenHandshake_AndMaskedFrames_Work()
    {
        var token = await bastion.Server.LoginAsync();
        var hostId = await bastion.AddHostAsync();
        var ticket = await bastion.Server.IssueTicketAsync(token, hostId);

        await using var raw = await RawWebSocket.ConnectAsync(bastion.Server.WebSocketUri($"/ws/terminal/{hostId}?cols=80&rows=24&ticket={ticket}")).WithTimeout();

        Assert.Equal(101, raw.StatusCode);
        Assert.Equal(raw.ExpectedAccept, raw.ResponseAccept);
        Assert.Equal(RawWebSocket.ComputeAccept(raw.RequestKey), raw.ResponseAccept);
        Assert.Equal("websocket", raw.ResponseHeaders["Upgrade"], ignoreCase: true);

        await raw.SendTextAsync("""{"flag":"input","data":"echo raw-$((5*5))\r"}""").WithTimeout();

        var seen = "";
        using var deadline = TestTimeouts.CreateTokenSource();
        while (!seen.Contains("raw-25\r\n", StringComparison.Ordinal))
        {
            var frame = await raw.ReadFrameSkippingPingsAsync(deadline.Token).WithTimeout();
            Assert.False(frame.Masked); // RFC 6455 §5.1: a server must not mask frames
            Assert.Equal(RawWebSocketOpcode.Text, frame.Opcode);
            using var doc = JsonDocument.Parse(frame.Text);
            if (doc.RootElement.GetProperty("flag").GetString() == "success")
            {
                seen += doc.RootElement.GetProperty("message").GetString();
            }
        }
    }
}

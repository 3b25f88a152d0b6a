namespace Bastion.Tests.Terminal;

/// <summary>An <c>error</c> message carries the values its English <c>message</c> was made from (issue 14), so the
/// browser can word it in the user's language: a connection failure as <c>failure</c> (the same
/// <c>{code, args}</c> as a problem reply's), a refused size with its bounds in <c>args</c>. Real Kestrel, a real
/// WebSocket client and a real sshd.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class ErrorValuesTests(BastionFixture bastion)
{
    [Fact]
    public async Task AMismatchedHostKey_TheErrorNamesTheHostAndBothFingerprints_AsValues()
    {
        var wrong = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var hostName = BastionFixture.Unique("mismatch");
        var hostId = await bastion.AddHostAsync(bastion.Host(hostName).PinnedTo(wrong));
        await using var terminal = await bastion.OpenTerminalAsync(hostId);

        await terminal.WaitForCloseAsync();

        var error = Assert.Single(terminal.Errors);
        Assert.Equal("host_key_mismatch", error.GetProperty("code").GetString());
        Assert.Contains(wrong, error.GetProperty("message").GetString(), StringComparison.Ordinal); // the English stays
        var failure = error.GetProperty("failure");
        Assert.Equal("key_mismatch", failure.GetProperty("code").GetString());
        var args = failure.GetProperty("args");
        Assert.Equal(hostName, args.GetProperty("host").GetString());
        Assert.Equal(wrong, args.GetProperty("expected").GetString());
        Assert.Equal(bastion.Sshd.HostKeyFingerprint, args.GetProperty("offered").GetString());
    }

    [Fact]
    public async Task AClosedPort_TheErrorNamesTheHostAddressAndPort_AsValues()
    {
        var hostName = BastionFixture.Unique("closed");
        var port = FreePort.Get();
        var hostId = await bastion.AddHostAsync(bastion.Host(hostName) with { Port = port });
        await using var terminal = await bastion.OpenTerminalAsync(hostId);

        await terminal.WaitForCloseAsync();

        var error = Assert.Single(terminal.Errors);
        Assert.Equal("unreachable", error.GetProperty("code").GetString());
        var failure = error.GetProperty("failure");
        Assert.Equal("connection_refused", failure.GetProperty("code").GetString());
        var args = failure.GetProperty("args");
        Assert.Equal(hostName, args.GetProperty("host").GetString());
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), args.GetProperty("port").GetString());
    }

    [Fact]
    public async Task ARefusedSize_TheErrorNamesTheBounds_AndTheSessionGoesOn()
    {
        var hostId = await bastion.AddHostAsync();
        await using var terminal = await bastion.OpenTerminalAsync(hostId);

        await terminal.ResizeAsync(5000, 0);
        await terminal.WaitForErrorAsync();
        await terminal.SendInputAsync("echo alive-$((2+3))\r");
        await terminal.WaitForOutputAsync("alive-5");

        var error = Assert.Single(terminal.Errors);
        Assert.Equal("bad_size", error.GetProperty("code").GetString());
        var args = error.GetProperty("args");
        Assert.Equal("1000", args.GetProperty("maxCols").GetString());
        Assert.Equal("500", args.GetProperty("maxRows").GetString());
        Assert.Equal("1", args.GetProperty("minCols").GetString());
        Assert.False(error.TryGetProperty("failure", out _));
    }
}

using System.Net.WebSockets;

namespace Bastion.Tests.Terminal;

/// <summary>The whole path: real Kestrel, a real WebSocket client, SSH.NET, and a real OpenSSH sshd.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class TerminalEndToEndTests(BastionFixture bastion)
{
    private Task<TerminalClient> OpenAsync(string hostId, string query = "cols=100&rows=30&flow=1", bool autoAck = true) =>
        bastion.OpenTerminalAsync(hostId, query: query, autoAck: autoAck);

    [Fact]
    public async Task Terminal_RunsACommand_AndShowsItsOutput()
    {
        var hostId = await bastion.AddHostAsync();
        await using var terminal = await OpenAsync(hostId);

        await terminal.WaitForAsync(t => t.SessionId is not null, "ready");
        await terminal.SendInputAsync("echo $((6*7))\r");

        await terminal.WaitForOutputAsync("42\r\n"); // the typed line is "$((6*7))", so 42 can only be the result
        Assert.Empty(terminal.Errors);
    }

    [Fact]
    public async Task Terminal_WithKeyCredential_Works()
    {
        var hostId = await bastion.AddHostAsync(useKey: true);
        await using var terminal = await OpenAsync(hostId);

        await terminal.SendInputAsync("echo key-$((40+2))\r");

        await terminal.WaitForOutputAsync("key-42");
    }

    [Fact]
    public async Task Output_MultibyteCharacterSplitAcrossReads_ArrivesIntact()
    {
        var hostId = await bastion.AddHostAsync();
        await using var terminal = await OpenAsync(hostId);

        // 中 is E4 B8 AD and 文 is E6 96 87: the first write ends two bytes into 中, the sleep forces separate reads.
        await terminal.SendInputAsync(@"printf 'X\344\270'; sleep 0.5; printf '\255\346\226\207Y\n'" + "\r");

        await terminal.WaitForOutputAsync("X中文Y");
        Assert.DoesNotContain('\uFFFD', terminal.Output);
    }

    [Fact]
    public async Task Output_InvalidBytes_BecomeReplacementCharacters_AndTheSessionGoesOn()
    {
        var hostId = await bastion.AddHostAsync();
        await using var terminal = await OpenAsync(hostId);

        await terminal.SendInputAsync(@"printf 'A\377\376B\n'" + "\r");
        await terminal.WaitForOutputAsync("A\uFFFD\uFFFDB");
        await terminal.SendInputAsync("echo still-$((1+1))\r");

        await terminal.WaitForOutputAsync("still-2");
    }

    [Fact]
    public async Task Resize_ChangesTheSizeTheShellSees()
    {
        var hostId = await bastion.AddHostAsync();
        await using var terminal = await OpenAsync(hostId, "cols=100&rows=30&flow=1");
        await terminal.SendInputAsync("stty size\r");
        await terminal.WaitForOutputAsync("30 100");

        await terminal.ResizeAsync(132, 43);
        await terminal.SendInputAsync("stty size\r");

        await terminal.WaitForOutputAsync("43 132");
    }

    [Fact]
    public async Task Resize_OutOfBounds_GetsAnError_AndTheSessionGoesOn()
    {
        var hostId = await bastion.AddHostAsync();
        await using var terminal = await OpenAsync(hostId);

        await terminal.ResizeAsync(5000, 0);
        await terminal.WaitForErrorAsync();
        await terminal.SendInputAsync("echo alive-$((2+2))\r");

        await terminal.WaitForOutputAsync("alive-4");
        Assert.Equal("bad_size", terminal.Errors[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"flag\":\"launch-missiles\"}")]
    [InlineData("{\"flag\":\"input\"}")]
    [InlineData("{\"flag\":\"input\",\"data\":42}")]
    public async Task MalformedMessage_GetsAnError_AndTheSessionGoesOn(string message)
    {
        var hostId = await bastion.AddHostAsync();
        await using var terminal = await OpenAsync(hostId);

        await terminal.SendRawAsync(System.Text.Encoding.UTF8.GetBytes(message));
        await terminal.WaitForErrorAsync();
        await terminal.SendInputAsync("echo ok-$((3*3))\r");

        await terminal.WaitForOutputAsync("ok-9");
        Assert.Equal("bad_message", terminal.Errors[0].GetProperty("code").GetString());
        Assert.False(terminal.Closed);
    }

    [Fact]
    public async Task OversizedMessage_ClosesWith1009()
    {
        var hostId = await bastion.AddHostAsync();
        await using var terminal = await OpenAsync(hostId);
        await terminal.WaitForAsync(t => t.SessionId is not null, "ready");

        await terminal.SendRawAsync(new byte[70 * 1024]);

        await terminal.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, terminal.CloseStatus);
    }

    [Fact]
    public async Task Exit_ClosesTheSocketNormally()
    {
        var hostId = await bastion.AddHostAsync();
        await using var terminal = await OpenAsync(hostId);

        await terminal.SendInputAsync("exit\r");

        await terminal.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, terminal.CloseStatus);
        Assert.Empty(terminal.Errors);
    }

    [Fact]
    public async Task BrowserDisconnect_ClosesTheSshConnection()
    {
        var hostId = await bastion.AddHostAsync();
        var mark = bastion.Sshd.LogLength;
        var terminal = await OpenAsync(hostId);
        await terminal.SendInputAsync("echo up\r");
        await terminal.WaitForOutputAsync("up");

        await terminal.DisposeAsync();

        await bastion.Sshd.WaitForConnectionsToEndAsync(mark);
    }

    [Fact]
    public async Task WrongHostKey_IsRefusedBeforeAnyCredentialIsSent()
    {
        var wrong = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var hostId = await bastion.AddHostAsync(fingerprint: wrong);
        var mark = bastion.Sshd.LogLength;
        await using var terminal = await OpenAsync(hostId);

        await terminal.WaitForCloseAsync();

        var error = Assert.Single(terminal.Errors);
        Assert.Equal("host_key_mismatch", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains(wrong, message);
        Assert.Contains(bastion.Sshd.HostKeyFingerprint, message);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, terminal.CloseStatus);
        await bastion.Sshd.WaitForConnectionsToEndAsync(mark);
        Assert.False(bastion.Sshd.LogShowsAuthenticationAttempt(mark), bastion.Sshd.LogSince(mark));
    }

    [Fact]
    public async Task UnpinnedHostKey_IsRefused_NoTrustOnFirstUse()
    {
        var hostId = await bastion.AddHostAsync(fingerprint: null);
        var mark = bastion.Sshd.LogLength;
        await using var terminal = await OpenAsync(hostId);

        await terminal.WaitForCloseAsync();

        var error = Assert.Single(terminal.Errors);
        Assert.Equal("host_key_unpinned", error.GetProperty("code").GetString());
        Assert.Contains(bastion.Sshd.HostKeyFingerprint, error.GetProperty("message").GetString());
        await bastion.Sshd.WaitForConnectionsToEndAsync(mark);
        Assert.False(bastion.Sshd.LogShowsAuthenticationAttempt(mark), bastion.Sshd.LogSince(mark));
    }

    [Fact]
    public async Task WrongPassword_IsReportedAsAuthenticationFailure()
    {
        var hostId = await bastion.AddHostAsync(bastion.Host(BastionFixture.Unique("bad-password")) with { Password = "definitely-not-it" });
        await using var terminal = await OpenAsync(hostId);

        await terminal.WaitForCloseAsync();

        Assert.Equal("auth_failed", Assert.Single(terminal.Errors).GetProperty("code").GetString());
        Assert.Equal(WebSocketCloseStatus.InternalServerError, terminal.CloseStatus);
    }
}

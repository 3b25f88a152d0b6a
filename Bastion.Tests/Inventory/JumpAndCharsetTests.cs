namespace Bastion.Tests.Inventory;

/// <summary>A target reached through a gateway host (ProxyJump), and a legacy host whose shell prints GBK.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class JumpAndCharsetTests(BastionFixture bastion)
{
    private SshdServer Target => bastion.Sshd;

    [Fact]
    public async Task JumpChain_ThroughAGateway_ReachesTheTarget_AndTheGatewayForwardedIt()
    {
        // DEBUG1 makes sshd log each direct-tcpip (port forwarding) request it serves.
        await using var gateway = new SshdServer("LogLevel DEBUG1");
        await gateway.StartAsync(CancellationToken.None).WithTimeout();
        var gatewayId = await bastion.Server.AddHostAsync(bastion.AdminToken, gateway, name: BastionFixture.Unique("gateway"));
        var hostId = await bastion.AddHostAsync(HostSpec.For(Target, BastionFixture.Unique("behind-gateway")).Through(gatewayId));
        var mark = gateway.LogLength;

        await using var terminal = await bastion.OpenTerminalAsync(hostId);
        await terminal.SendInputAsync("echo jumped-$((40+4))\r");

        await terminal.WaitForOutputAsync("jumped-44");
        await gateway.WaitForLogLineAsync(line => line.Contains("server_request_direct_tcpip", StringComparison.Ordinal)
            && line.Contains($"target {Target.Host} port {Target.Port}", StringComparison.Ordinal), mark);
    }

    [Fact]
    public async Task Scan_OfAHostBehindAGateway_GoesThroughTheGateway()
    {
        await using var gateway = new SshdServer("LogLevel DEBUG1");
        await gateway.StartAsync(CancellationToken.None).WithTimeout();
        var gatewayId = await bastion.Server.AddHostAsync(bastion.AdminToken, gateway, name: BastionFixture.Unique("scan-gateway"));
        var hostId = await bastion.AddHostAsync(HostSpec.For(Target, BastionFixture.Unique("scan-behind-gateway")).Unpinned().Through(gatewayId));
        var mark = gateway.LogLength;

        var (status, scan) = await bastion.Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/scan", bastion.AdminToken);

        Assert.Equal(200, status);
        Assert.Equal(Target.HostKeyFingerprint, scan.GetProperty("fingerprint").GetString());
        await gateway.WaitForLogLineAsync(line => line.Contains("server_request_direct_tcpip", StringComparison.Ordinal)
            && line.Contains($"target {Target.Host} port {Target.Port}", StringComparison.Ordinal), mark);
    }

    [Fact]
    public async Task JumpChain_WithAWrongGatewayKey_IsRefusedAndNamesTheGateway()
    {
        // Its own deployment: the assertion below is about the whole list of pending keys.
        await using var own = await BastionFixture.StartAsync(Target);
        await using var gateway = new SshdServer();
        await gateway.StartAsync(CancellationToken.None).WithTimeout();
        var wrong = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var gatewayId = await own.Server.AddHostAsync(own.AdminToken, gateway, name: "bad-gateway", fingerprint: wrong);
        var hostId = await own.AddHostAsync(HostSpec.For(Target, "behind-bad-gateway").Through(gatewayId));

        await using var terminal = await own.OpenTerminalAsync(hostId);
        await terminal.WaitForCloseAsync();

        var error = Assert.Single(terminal.Errors);
        Assert.Equal("host_key_mismatch", error.GetProperty("code").GetString());
        Assert.Contains("gateway bad-gateway", error.GetProperty("message").GetString());
        var (_, pending) = await own.Server.SendAsync(HttpMethod.Get, "/api/host-keys/pending", own.AdminToken);
        Assert.Equal(gatewayId, Assert.Single(pending.EnumerateArray()).GetProperty("hostId").GetString());
    }

    [Theory]
    [InlineData("gbk")]
    [InlineData("gb18030")]
    public async Task GbkHost_ShowsChineseText(string charset)
    {
        await using var legacy = new SshdServer();
        // 中文 in GBK is D6 D0 CE C4; the script prints it and waits, as a legacy shell with LANG=zh_CN.GBK would.
        var script = legacy.WriteScript("gbk.sh", "#!/bin/sh\nprintf 'GBK:\\326\\320\\316\\304:END\\n'\nsleep 5\n");
        legacy.ExtraConfigLines.Add($"ForceCommand {script}");
        await legacy.StartAsync(CancellationToken.None).WithTimeout();
        var hostId = await bastion.AddHostAsync(HostSpec.For(legacy, BastionFixture.Unique("legacy-" + charset)).WithCharset(charset));

        await using var terminal = await bastion.OpenTerminalAsync(hostId);

        await terminal.WaitForOutputAsync("GBK:中文:END");
        Assert.DoesNotContain('\uFFFD', terminal.Output);
    }

    [Fact]
    public async Task UnknownCharset_IsAFieldError()
    {
        var (status, body) = await bastion.Server.PostHostAsync(bastion.AdminToken, HostSpec.At("10.0.0.9", "bad-charset").WithCharset("klingon-8"));

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("charset", out _));
    }
}

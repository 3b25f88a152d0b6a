using Bastion.Testing;

namespace Bastion.Tests.Inventory;

/// <summary>A target reached through a gateway host (ProxyJump), and a legacy host whose shell prints GBK.</summary>
[Collection(SshdCollectionDefinition.Name)]
public sealed class JumpAndCharsetTests(SshdFixture target) : IAsyncLifetime
{
    private BastionServer _server = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _server = await BastionServer.StartAsync();
        _token = await _server.LoginAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task JumpChain_ThroughAGateway_ReachesTheTarget_AndTheGatewayForwardedIt()
    {
        // DEBUG1 makes sshd log each direct-tcpip (port forwarding) request it serves.
        await using var gateway = new SshdServer("LogLevel DEBUG1");
        await gateway.StartAsync(CancellationToken.None).WithTimeout();
        var gatewayId = await _server.AddHostAsync(_token, gateway, name: "gateway");
        var body = new Dictionary<string, object?>
        {
            ["name"] = "behind-gateway",
            ["address"] = target.Server.Host,
            ["port"] = target.Server.Port,
            ["username"] = target.Server.UserName,
            ["password"] = target.Server.Password,
            ["hostKeyFingerprint"] = target.Server.HostKeyFingerprint,
            ["gatewayHostId"] = gatewayId,
        };
        var hostId = await _server.CreateHostAsync(_token, body);
        var mark = gateway.LogLength;

        await using var terminal = await _server.OpenTerminalAsync(_token, hostId);
        await terminal.SendInputAsync("echo jumped-$((40+4))\r");

        await terminal.WaitForOutputAsync("jumped-44");
        await gateway.WaitForLogLineAsync(line => line.Contains("server_request_direct_tcpip", StringComparison.Ordinal)
            && line.Contains($"target {target.Server.Host} port {target.Server.Port}", StringComparison.Ordinal), mark);
    }

    [Fact]
    public async Task Scan_OfAHostBehindAGateway_GoesThroughTheGateway()
    {
        await using var gateway = new SshdServer("LogLevel DEBUG1");
        await gateway.StartAsync(CancellationToken.None).WithTimeout();
        var gatewayId = await _server.AddHostAsync(_token, gateway, name: "scan-gateway");
        var hostId = await _server.CreateHostAsync(_token, new Dictionary<string, object?>
        {
            ["name"] = "scan-behind-gateway",
            ["address"] = target.Server.Host,
            ["port"] = target.Server.Port,
            ["username"] = target.Server.UserName,
            ["password"] = target.Server.Password,
            ["gatewayHostId"] = gatewayId,
        });
        var mark = gateway.LogLength;

        var (status, scan) = await _server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/scan", _token);

        Assert.Equal(200, status);
        Assert.Equal(target.Server.HostKeyFingerprint, scan.GetProperty("fingerprint").GetString());
        await gateway.WaitForLogLineAsync(line => line.Contains("server_request_direct_tcpip", StringComparison.Ordinal)
            && line.Contains($"target {target.Server.Host} port {target.Server.Port}", StringComparison.Ordinal), mark);
    }

    [Fact]
    public async Task JumpChain_WithAWrongGatewayKey_IsRefusedAndNamesTheGateway()
    {
        await using var gateway = new SshdServer();
        await gateway.StartAsync(CancellationToken.None).WithTimeout();
        var wrong = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var gatewayId = await _server.AddHostAsync(_token, gateway, name: "bad-gateway", fingerprint: wrong);
        var hostId = await _server.CreateHostAsync(_token, new Dictionary<string, object?>
        {
            ["name"] = "behind-bad-gateway",
            ["address"] = target.Server.Host,
            ["port"] = target.Server.Port,
            ["username"] = target.Server.UserName,
            ["password"] = target.Server.Password,
            ["hostKeyFingerprint"] = target.Server.HostKeyFingerprint,
            ["gatewayHostId"] = gatewayId,
        });

        await using var terminal = await _server.OpenTerminalAsync(_token, hostId);
        await terminal.WaitForCloseAsync();

        var error = Assert.Single(terminal.Errors);
        Assert.Equal("host_key_mismatch", error.GetProperty("code").GetString());
        Assert.Contains("gateway bad-gateway", error.GetProperty("message").GetString());
        var (_, pending) = await _server.SendAsync(HttpMethod.Get, "/api/host-keys/pending", _token);
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
        var hostId = await _server.CreateHostAsync(_token, new Dictionary<string, object?>
        {
            ["name"] = "legacy-" + charset,
            ["address"] = legacy.Host,
            ["port"] = legacy.Port,
            ["username"] = legacy.UserName,
            ["password"] = legacy.Password,
            ["hostKeyFingerprint"] = legacy.HostKeyFingerprint,
            ["charset"] = charset,
        });

        await using var terminal = await _server.OpenTerminalAsync(_token, hostId);

        await terminal.WaitForOutputAsync("GBK:中文:END");
        Assert.DoesNotContain('\uFFFD', terminal.Output);
    }

    [Fact]
    public async Task UnknownCharset_IsAFieldError()
    {
        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/hosts", _token, new
        {
            name = "bad-charset",
            address = "10.0.0.9",
            username = "u",
            password = "p",
            charset = "klingon-8",
        });

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("charset", out _));
    }
}

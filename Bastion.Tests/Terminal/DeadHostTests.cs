using System.Net.WebSockets;
using Bastion.Core.Audit;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Terminal;

/// <summary>
/// A host that stops answering mid-session (iptables drops its packets: no RST, no FIN) is detected and the session
/// ends as <c>host_unresponsive</c>, for a user who keeps typing and for one who is idle, directly and through a
/// gateway (issue #9). The bound is shortened to 3 s here so the tests run fast; every wait is bounded by the default
/// test timeout, which is far shorter than the ~15 minutes the kernel would retransmit without the bound, so each test
/// fails without it. The default (detection within 60 s) is asserted by <c>SshSilenceBoundTests</c>, not by waiting.
/// </summary>
public sealed class DeadHostTests : IAsyncLifetime
{
    private SshdServer _sshd = null!;
    private BastionServer _server = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _sshd = new SshdServer();
        await _sshd.StartAsync(CancellationToken.None).WithTimeout();
        _server = await BastionServer.StartAsync(new Dictionary<string, string>
        {
            ["Ssh:UnresponsiveTimeout"] = "00:00:03",
            // SSH keep-alive off: the idle test must be caught by TCP keep-alive, the typing test by TCP_USER_TIMEOUT.
            ["Ssh:KeepAliveInterval"] = "01:00:00",
        });
        _token = await _server.LoginAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sshd.DisposeAsync();
    }

    [Fact]
    public async Task SilentHost_WhileTheUserTypes_EndsAsHostUnresponsive()
    {
        var hostId = await _server.AddHostAsync(_token, _sshd);
        await using var terminal = await OpenReadyTerminalAsync(hostId);

        await WhileBlackholedAsync(_sshd.Port, async () =>
        {
            // Keep typing until the session ends: every keystroke is data the host never acknowledges.
            using var typing = TestTimeouts.CreateTokenSource();
            while (!terminal.Closed && !typing.IsCancellationRequested)
            {
                try
                {
                    await terminal.SendInputAsync("x");
                }
                catch (System.Net.WebSockets.WebSocketException)
                {
                    // The server's close came between the check and the send (the client answers it at once); what
                    // it said is asserted below.
                    break;
                }

                await Task.Delay(200, CancellationToken.None);
            }

            await terminal.WaitForCloseAsync();
        });

        await AssertEndedAsHostUnresponsiveAsync(terminal);
    }

    [Fact]
    public async Task SilentHost_WhileTheUserIsIdle_EndsAsHostUnresponsive()
    {
        var hostId = await _server.AddHostAsync(_token, _sshd);
        await using var terminal = await OpenReadyTerminalAsync(hostId);

        // Nothing is sent from here on: only the kernel's keep-alive probes can notice the silence.
        await WhileBlackholedAsync(_sshd.Port, () => terminal.WaitForCloseAsync());

        await AssertEndedAsHostUnresponsiveAsync(terminal);
    }

    [Fact]
    public async Task SilentGateway_EndsTheSessionBehindItAsHostUnresponsive()
    {
        await using var gateway = new SshdServer();
        await gateway.StartAsync(CancellationToken.None).WithTimeout();
        var gatewayId = await _server.AddHostAsync(_token, gateway, name: "silent-gateway");
        var hostId = await _server.CreateHostAsync(_token, new Dictionary<string, object?>
        {
            ["name"] = "behind-silent-gateway",
            ["address"] = _sshd.Host,
            ["port"] = _sshd.Port,
            ["username"] = _sshd.UserName,
            ["password"] = _sshd.Password,
            ["hostKeyFingerprint"] = _sshd.HostKeyFingerprint,
            ["gatewayHostId"] = gatewayId,
        });
        await using var terminal = await OpenReadyTerminalAsync(hostId);

        // Only the gateway goes silent; the target stays up. The target's own connection runs over Bastion's
        // in-process loopback forwarder, which always answers, so it is the gateway's bound that must end the session.
        await WhileBlackholedAsync(gateway.Port, () => terminal.WaitForCloseAsync());

        await AssertEndedAsHostUnresponsiveAsync(terminal);
        Assert.Contains("gateway silent-gateway", terminal.Errors[^1].GetProperty("message").GetString());
    }

    private async Task<TerminalClient> OpenReadyTerminalAsync(string hostId)
    {
        var terminal = await _server.OpenTerminalAsync(_token, hostId);
        await terminal.SendInputAsync("echo alive-$((6*7))\r");
        await terminal.WaitForOutputAsync("alive-42");
        return terminal;
    }

    /// <summary>Runs <paramref name="body"/> with the port blackholed; the rules are removed whatever happens, and
    /// checked to be gone, so no later test on this machine sees a dead port.</summary>
    private static async Task WhileBlackholedAsync(int port, Func<Task> body)
    {
        var blackhole = await PortBlackhole.StartAsync(port);
        try
        {
            await body();
        }
        finally
        {
            await blackhole.DisposeAsync();
        }

        Assert.False(await blackhole.AnyRulePresentAsync(), $"the DROP rules for port {port} are still in place");
    }

    private async Task AssertEndedAsHostUnresponsiveAsync(TerminalClient terminal)
    {
        var error = Assert.Single(terminal.Errors);
        Assert.Equal("host_unresponsive", error.GetProperty("code").GetString());
        Assert.Equal(WebSocketCloseStatus.InternalServerError, terminal.CloseStatus);

        var ended = await _server.WaitForEventAsync(
            e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == terminal.SessionId, "session.ended");
        Assert.Equal("host_unresponsive", ended.Data("reason"));
    }
}

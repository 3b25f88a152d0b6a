using System.Net.WebSockets;
using Bastion.Testing;

namespace Bastion.Tests.Terminal;

/// <summary>Hosts that are down, or go down mid-session. Each test runs its own sshd, since it stops it.</summary>
public sealed class HostFailureTests : IAsyncLifetime
{
    private SshdServer _sshd = null!;
    private BastionServer _server = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _sshd = new SshdServer();
        await _sshd.StartAsync(CancellationToken.None).WithTimeout();
        _server = await BastionServer.StartAsync();
        _token = await _server.LoginAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sshd.DisposeAsync();
    }

    [Fact]
    public async Task HostDown_GetsUnreachableErrorWithinSeconds()
    {
        var hostId = await _server.AddHostAsync(_token, _sshd);
        await _sshd.StopAsync().WithTimeout();

        await using var terminal = await _server.OpenTerminalAsync(_token, hostId);
        await terminal.WaitForCloseAsync(TimeSpan.FromSeconds(15));

        var error = Assert.Single(terminal.Errors);
        Assert.Equal("unreachable", error.GetProperty("code").GetString());
        Assert.Contains("connection refused", error.GetProperty("message").GetString());
        Assert.Equal(WebSocketCloseStatus.InternalServerError, terminal.CloseStatus);
    }

    [Fact]
    public async Task HostDiesMidSession_GetsAnErrorAndAClose()
    {
        var hostId = await _server.AddHostAsync(_token, _sshd);
        await using var terminal = await _server.OpenTerminalAsync(_token, hostId);
        await terminal.SendInputAsync("echo before\r");
        await terminal.WaitForOutputAsync("before");

        // StopAsync kills sshd and every session process it forked, as a crashed host would.
        await _sshd.StopAsync().WithTimeout();

        await terminal.WaitForCloseAsync(TimeSpan.FromSeconds(15));
        Assert.NotEqual(WebSocketCloseStatus.NormalClosure, terminal.CloseStatus);
        Assert.Contains(terminal.Errors, e => e.GetProperty("code").GetString() == "host_error");
    }
}

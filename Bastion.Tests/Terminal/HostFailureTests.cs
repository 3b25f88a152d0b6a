using System.Net.WebSockets;

namespace Bastion.Tests.Terminal;

/// <summary>Hosts that are down, or go down mid-session. Each test runs its own sshd, since it stops it.</summary>
public sealed class HostFailureTests : IAsyncLifetime
{
    // A deployment with an sshd of its own per test: these tests stop, restart or re-key it.
    private readonly BastionFixture _bastion = new();

    private SshdServer Sshd => _bastion.Sshd;

    private BastionServer Server => _bastion.Server;

    private string Token => _bastion.AdminToken;

    public Task InitializeAsync() => _bastion.InitializeAsync();

    public Task DisposeAsync() => _bastion.DisposeAsync().AsTask();

    [Fact]
    public async Task HostDown_GetsUnreachableErrorWithinSeconds()
    {
        var hostId = await Server.AddHostAsync(Token, Sshd);
        await Sshd.StopAsync().WithTimeout();

        await using var terminal = await Server.OpenTerminalAsync(Token, hostId);
        await terminal.WaitForCloseAsync(TimeSpan.FromSeconds(15));

        var error = Assert.Single(terminal.Errors);
        Assert.Equal("unreachable", error.GetProperty("code").GetString());
        Assert.Contains("connection refused", error.GetProperty("message").GetString());
        Assert.Equal(WebSocketCloseStatus.InternalServerError, terminal.CloseStatus);
    }

    [Fact]
    public async Task HostDiesMidSession_GetsAnErrorAndAClose()
    {
        var hostId = await Server.AddHostAsync(Token, Sshd);
        await using var terminal = await Server.OpenTerminalAsync(Token, hostId);
        await terminal.SendInputAsync("echo before\r");
        await terminal.WaitForOutputAsync("before");

        // StopAsync kills sshd and every session process it forked, as a crashed host would.
        await Sshd.StopAsync().WithTimeout();

        await terminal.WaitForCloseAsync(TimeSpan.FromSeconds(15));
        Assert.NotEqual(WebSocketCloseStatus.NormalClosure, terminal.CloseStatus);
        Assert.Contains(terminal.Errors, e => e.GetProperty("code").GetString() == "host_error");
    }
}

using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Access;

/// <summary>Open sessions end within seconds when access goes away: a revoked grant, a disabled user, a grant window
/// that closes (fake clock). Also the grant's login override.</summary>
public sealed class LiveRevocationTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private static readonly TimeSpan FewSeconds = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private BastionFixture _bastion = null!;

    private BastionServer Server => _bastion.Server;

    private string Admin => _bastion.AdminToken;

    public async Task InitializeAsync() =>
        _bastion = await BastionFixture.StartAsync(sshd.Server, configureServices: s => s.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _bastion.DisposeAsync();

    private async Task<(string HostId, string UserId, string Token)> OperatorWithHostAsync(string name)
    {
        var hostId = await _bastion.AddHostAsync("host-" + name);
        var (userId, token) = await Server.CreateUserAsync(Admin, name, ["operator"]);
        return (hostId, userId, token);
    }

    private async Task<TerminalClient> OpenAsync(string token, string hostId)
    {
        var terminal = await Server.OpenTerminalAsync(token, hostId);
        await terminal.SendInputAsync("echo live-$((5*5))\r");
        await terminal.WaitForOutputAsync("live-25");
        return terminal;
    }

    private static void AssertRevoked(TerminalClient terminal)
    {
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, terminal.CloseStatus);
        Assert.Equal("access_revoked", Assert.Single(terminal.Errors).GetProperty("code").GetString());
    }

    [Fact]
    public async Task RevokedGrant_EndsTheOpenSession()
    {
        var (hostId, userId, token) = await OperatorWithHostAsync("revokee");
        var grantId = await Server.GrantAsync(Admin, new { userId, hostId });
        await using var terminal = await OpenAsync(token, hostId);

        await Server.SendAsync(HttpMethod.Delete, $"/api/grants/{grantId}", Admin);

        await terminal.WaitForCloseAsync(FewSeconds);
        AssertRevoked(terminal);
    }

    [Fact]
    public async Task DisabledUser_SessionEnds()
    {
        var (hostId, userId, token) = await OperatorWithHostAsync("disablee");
        await Server.GrantAsync(Admin, new { userId, hostId });
        await using var terminal = await OpenAsync(token, hostId);

        await Server.SendAsync(HttpMethod.Put, $"/api/users/{userId}", Admin, new { disabled = true });

        // Disabling the user ends their logins, and the terminals follow the login (issue 11).
        await terminal.WaitForCloseAsync(FewSeconds);
        Assert.Equal("login_ended", Assert.Single(terminal.Errors).GetProperty("code").GetString());
    }

    [Fact]
    public async Task GrantWindowThatCloses_EndsTheSessionOnTheNextCheck()
    {
        var (hostId, userId, token) = await OperatorWithHostAsync("windowed");
        await Server.GrantAsync(Admin, new { userId, hostId, notAfter = _time.GetUtcNow().AddMinutes(5) });
        await using var terminal = await OpenAsync(token, hostId);
        await terminal.SendInputAsync("echo still-$((2*3))\r");
        await terminal.WaitForOutputAsync("still-6");
        Assert.False(terminal.Closed);

        _time.Advance(TimeSpan.FromMinutes(6)); // no admin action: only the watchdog's clock tick can notice

        await terminal.WaitForCloseAsync(FewSeconds);
        AssertRevoked(terminal);
    }

    [Fact]
    public async Task UnrelatedRevocation_LeavesOtherSessionsRunning()
    {
        var (hostId, userId, token) = await OperatorWithHostAsync("keeper");
        var (_, otherId, _) = await OperatorWithHostAsync("other");
        await Server.GrantAsync(Admin, new { userId, hostId });
        var otherGrant = await Server.GrantAsync(Admin, new { userId = otherId, hostId });
        await using var terminal = await OpenAsync(token, hostId);

        await Server.SendAsync(HttpMethod.Delete, $"/api/grants/{otherGrant}", Admin);
        await terminal.SendInputAsync("echo kept-$((3*3))\r");

        await terminal.WaitForOutputAsync("kept-9");
        Assert.False(terminal.Closed);
    }

    [Fact]
    public async Task GrantLoginOverride_IsTheLoginUsed()
    {
        // The host's own login does not exist on the sshd; only the grant's override can log in.
        var hostId = await _bastion.AddHostAsync(HostSpec.For(sshd.Server, "override") with { Username = "no-such-login" });
        var (userId, token) = await Server.CreateUserAsync(Admin, "overrider", ["operator"]);
        await Server.GrantAsync(Admin, new { userId, hostId, login = sshd.Server.UserName });

        await using var terminal = await OpenAsync(token, hostId);
        await terminal.SendInputAsync("whoami\r");

        await terminal.WaitForOutputAsync(sshd.Server.UserName + "\r\n");
    }
}

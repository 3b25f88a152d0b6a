using System.Net.WebSockets;
using Bastion.Core.Audit;
using Bastion.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bastion.Tests.Sessions;

/// <summary>Kill, revocation and shutdown all end a session through its one <c>End</c>: each test asserts what the
/// browser is told (error code and close status) and the <c>session.ended</c> reason, which come from the same
/// <c>SessionEnding</c>.</summary>
public sealed class SessionEndPathTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionServer _server = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await BastionServer.StartAsync();
        _admin = await _server.LoginAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(TerminalClient Terminal, string GrantId)> OpenAsOperatorAsync(string name)
    {
        var hostId = await _server.AddHostAsync(_admin, sshd.Server, name: "host-" + name);
        var (userId, token) = await _server.CreateUserAsync(_admin, name, ["operator"]);
        var grantId = await _server.GrantAsync(_admin, new { userId, hostId });
        var terminal = await _server.OpenTerminalAsync(token, hostId);
        await terminal.SendInputAsync("echo up-$((6*7))\r");
        await terminal.WaitForOutputAsync("up-42");
        return (terminal, grantId);
    }

    private async Task AssertEndedAsync(TerminalClient terminal, string code, WebSocketCloseStatus status, string reason)
    {
        await terminal.WaitForCloseAsync();
        Assert.Equal(code, Assert.Single(terminal.Errors).GetProperty("code").GetString());
        Assert.Equal(status, terminal.CloseStatus);
        var ended = await _server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == terminal.SessionId, "session.ended");
        Assert.Equal(reason, ended.Data("reason"));
    }

    [Fact]
    public async Task Kill_TellsTheUserAnAdministratorEndedIt_AndIsAuditedAsKilled()
    {
        var (terminal, _) = await OpenAsOperatorAsync("killee");
        await using var _ = terminal;

        Assert.Equal(204, (await _server.SendAsync(HttpMethod.Post, $"/api/sessions/{terminal.SessionId}/kill", _admin)).Status);

        await AssertEndedAsync(terminal, "session_killed", WebSocketCloseStatus.PolicyViolation, "killed");
        Assert.Contains("administrator", terminal.Errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Revocation_TellsTheUserAccessWasRevoked_AndIsAuditedAsAccessRevoked()
    {
        var (terminal, grantId) = await OpenAsOperatorAsync("revokee");
        await using var _ = terminal;

        await _server.SendAsync(HttpMethod.Delete, $"/api/grants/{grantId}", _admin);

        await AssertEndedAsync(terminal, "access_revoked", WebSocketCloseStatus.PolicyViolation, "access_revoked");
    }

    [Fact]
    public async Task Shutdown_TellsTheUserTheServerStopped_AndIsAuditedAsServerStopping()
    {
        var (terminal, _) = await OpenAsOperatorAsync("stopper");
        await using var _ = terminal;

        _server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        await AssertEndedAsync(terminal, "server_stopping", WebSocketCloseStatus.EndpointUnavailable, "server_stopping");
    }
}

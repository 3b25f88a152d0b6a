using System.Net.WebSockets;
using System.Text.Json;

namespace Bastion.Tests.Logins;

/// <summary>Personal API tokens (issue 11): shown once, stored hashed, accepted as a bearer header, scopes enforced
/// on the API and the terminal upgrade, last use shown, revocable (their terminals end with <c>login_ended</c>).</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class ApiTokenTests(BastionFixture bastion) : IAsyncLifetime
{
    private string _hostId = null!;

    public async Task InitializeAsync() => _hostId = await bastion.AddHostAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private BastionServer Server => bastion.Server;

    private async Task<(string Id, string Secret)> CreateAsync(string login, params string[] scopes)
    {
        var (status, body) = await Server.SendAsync(HttpMethod.Post, "/api/account/tokens", login,
            new { name = BastionFixture.Unique("token"), scopes, expiresInDays = 7 });
        Assert.True(status == 201, $"POST /api/account/tokens → {status}: {body}");
        return (body.GetProperty("details").GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }

    private async Task<int> UpgradeStatusAsync(string token)
    {
        await using var raw = await RawWebSocket.ConnectAsync(
            Server.WebSocketUri($"/ws/terminal/{_hostId}"), [KeyValuePair.Create("Authorization", (string?)("Bearer " + token))]).WithTimeout();
        return raw.StatusCode;
    }

    [Fact]
    public async Task ReadToken_Reads_ButCannotOpenATerminalOrChangeTheInventory()
    {
        var (_, read) = await CreateAsync(bastion.AdminToken, "read");

        Assert.Equal(200, (await Server.SendAsync(HttpMethod.Get, "/api/hosts", read)).Status);
        Assert.Equal(403, (await Server.PostHostAsync(read, bastion.Host())).Status);
        Assert.Equal(403, (await Server.SendAsync(HttpMethod.Delete, $"/api/hosts/{_hostId}", read)).Status);
        Assert.Equal(403, (await Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", read, new { hostId = _hostId })).Status);
        Assert.Equal(403, await UpgradeStatusAsync(read));
        Assert.Equal(403, (await Server.SendAsync(HttpMethod.Post, "/api/account/tokens", read, new { name = "more", scopes = new[] { "admin" } })).Status);
        Assert.Equal(200, (await Server.SendAsync(HttpMethod.Get, $"/api/hosts/{_hostId}", bastion.AdminToken)).Status);
    }

    [Fact]
    public async Task TerminalToken_OpensATerminal_ButCannotChangeTheInventory()
    {
        var (_, terminalToken) = await CreateAsync(bastion.AdminToken, "terminal");

        Assert.Equal(403, (await Server.PostHostAsync(terminalToken, bastion.Host())).Status);
        await using var terminal = await TerminalClient.ConnectAsync(Server.WebSocketUri($"/ws/terminal/{_hostId}?flow=1"), bearer: terminalToken);
        await terminal.SendInputAsync("echo token-$((4*4))\r");
        await terminal.WaitForOutputAsync("token-16");
    }

    [Fact]
    public async Task AdminToken_ChangesTheInventory_WithinTheUsersRoles()
    {
        var (_, admin) = await CreateAsync(bastion.AdminToken, "admin");
        var (_, _, operatorLogin) = await bastion.AddUserAsync(["operator"]);
        var (_, operatorAdminScope) = await CreateAsync(operatorLogin, "admin");

        Assert.Equal(201, (await Server.PostHostAsync(admin, bastion.Host())).Status);
        Assert.Equal(403, (await Server.PostHostAsync(operatorAdminScope, bastion.Host())).Status);
    }

    [Fact]
    public async Task Token_IsShownOnce_ListedWithoutItsSecret_AndItsLastUseIsShown()
    {
        var (id, secret) = await CreateAsync(bastion.AdminToken, "read");
        Assert.StartsWith("bst_", secret, StringComparison.Ordinal);
        Assert.Equal(200, (await Server.SendAsync(HttpMethod.Get, "/api/hosts", secret)).Status);

        var (status, list) = await Server.SendAsync(HttpMethod.Get, "/api/account/tokens", bastion.AdminToken);

        Assert.Equal(200, status);
        Assert.DoesNotContain(secret, list.GetRawText(), StringComparison.Ordinal);
        var mine = list.EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.String, mine.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(["read"], mine.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task RevokedToken_Is401_AndItsTerminalEndsWithLoginEnded()
    {
        var (id, token) = await CreateAsync(bastion.AdminToken, "terminal", "read");
        await using var terminal = await TerminalClient.ConnectAsync(Server.WebSocketUri($"/ws/terminal/{_hostId}?flow=1"), bearer: token);
        await terminal.SendInputAsync("echo revoke-$((5*5))\r");
        await terminal.WaitForOutputAsync("revoke-25");

        Assert.Equal(204, (await Server.SendAsync(HttpMethod.Delete, $"/api/account/tokens/{id}", bastion.AdminToken)).Status);

        Assert.Equal(401, (await Server.SendAsync(HttpMethod.Get, "/api/hosts", token)).Status);
        await terminal.WaitForCloseAsync();
        Assert.Equal("login_ended", Assert.Single(terminal.Errors).GetProperty("code").GetString());
        Assert.Equal((WebSocketCloseStatus)4005, terminal.CloseStatus);
    }

    [Theory]
    [InlineData("", "read", 7, "name")]
    [InlineData("ok", "root", 7, "scopes")]
    [InlineData("ok", "read", 0, "expiresInDays")]
    [InlineData("ok", "read", 366, "expiresInDays")]
    public async Task BadTokenRequest_IsAFieldError(string name, string scope, int days, string field)
    {
        var (status, body) = await Server.SendAsync(HttpMethod.Post, "/api/account/tokens", bastion.AdminToken, new { name, scopes = new[] { scope }, expiresInDays = days });

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.GetRawText());
    }
}

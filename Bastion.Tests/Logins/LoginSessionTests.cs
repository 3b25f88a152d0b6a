using System.Net;
using System.Net.WebSockets;

namespace Bastion.Tests.Logins;

/// <summary>Logins (issue 11) on the shared deployment: logout ends the access token at once on the API and the
/// terminal upgrade and ends the login's terminals; the refresh cookie rotates, a second tab's race is tolerated, a
/// replayed one ends the whole login; the refresh endpoint needs a same-site Origin; changing one's password ends the
/// other logins.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class LoginSessionTests(BastionFixture bastion) : IAsyncLifetime
{
    private string _hostId = null!;
    private string _userId = null!;
    private string _userName = null!;

    public async Task InitializeAsync()
    {
        _hostId = await bastion.AddHostAsync();
        (_userId, _userName, _) = await bastion.AddUserAsync(["operator"]);
        await bastion.GrantAsync(_userId, _hostId);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private BastionServer Server => bastion.Server;

    private async Task<int> UpgradeStatusAsync(string token)
    {
        await using var raw = await RawWebSocket.ConnectAsync(
            Server.WebSocketUri($"/ws/terminal/{_hostId}"), [KeyValuePair.Create("Authorization", (string?)("Bearer " + token))]).WithTimeout();
        return raw.StatusCode;
    }

    /// <summary>A browser without a login (every first visit asks) is told so with 204, not an error status that its
    /// console would show as a failed request; a cookie that is no longer valid is still a 401.</summary>
    [Fact]
    public async Task Refresh_WithoutACookie_Is204_AndAnUnknownCookieIs401()
    {
        using var browser = new LoginClient(Server);
        var (status, token, setCookie) = await browser.RefreshAsync();
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Null(token);
        Assert.False(setCookie);

        var (unknown, _, _) = await browser.RefreshAsync(cookie: "not-a-refresh-token");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown);
    }

    [Fact]
    public async Task Logout_EndsTheAccessTokenOnTheApiAndTheUpgrade_AndItsTerminalEndsWithLoginEnded()
    {
        using var browser = new LoginClient(Server);
        var token = await browser.LoginAsync(_userName, AdminApi.UserPassword);
        await using var terminal = await Server.OpenTerminalAsync(token, _hostId);
        await terminal.SendInputAsync("echo live-$((6*7))\r");
        await terminal.WaitForOutputAsync("live-42");
        Assert.Equal(200, await browser.StatusAsync(HttpMethod.Get, "/api/hosts"));

        Assert.Equal(204, await browser.StatusAsync(HttpMethod.Post, "/api/auth/logout"));

        // Logout has committed before it answers: the very next request with the old token is refused.
        Assert.Equal(401, await browser.StatusAsync(HttpMethod.Get, "/api/hosts", token));
        Assert.Equal(401, await UpgradeStatusAsync(token));
        Assert.Null(browser.RefreshCookie); // logout cleared the cookie: the browser has no login left to refresh
        Assert.Equal(HttpStatusCode.NoContent, (await browser.RefreshAsync()).Status);
        await terminal.WaitForCloseAsync();
        Assert.Equal("login_ended", Assert.Single(terminal.Errors).GetProperty("code").GetString());
        Assert.Equal((WebSocketCloseStatus)4005, terminal.CloseStatus);
    }

    [Fact]
    public async Task Refresh_RotatesTheCookie_AndTheNewAccessTokenWorks()
    {
        using var browser = new LoginClient(Server);
        await browser.LoginAsync(_userName, AdminApi.UserPassword);
        var first = browser.RefreshCookie;
        Assert.NotNull(first);

        var (status, token, setCookie) = await browser.RefreshAsync(active: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(setCookie);
        Assert.NotEqual(first, browser.RefreshCookie);
        Assert.Equal(200, await browser.StatusAsync(HttpMethod.Get, "/api/hosts", token));
    }

    [Fact]
    public async Task SecondTabRace_TheJustUsedTokenGetsAnAccessTokenButNoNewCookie()
    {
        using var browser = new LoginClient(Server);
        await browser.LoginAsync(_userName, AdminApi.UserPassword);
        var shared = browser.RefreshCookie!;
        Assert.Equal(HttpStatusCode.OK, (await browser.RefreshAsync()).Status);

        var (status, token, setCookie) = await browser.RefreshAsync(cookie: shared);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(setCookie);
        Assert.Equal(200, await browser.StatusAsync(HttpMethod.Get, "/api/hosts", token));
        Assert.Equal(HttpStatusCode.OK, (await browser.RefreshAsync()).Status); // the login is intact
    }

    [Fact]
    public async Task ReusedRefreshToken_RevokesTheWholeFamily()
    {
        using var browser = new LoginClient(Server);
        var firstAccess = await browser.LoginAsync(_userName, AdminApi.UserPassword);
        var stolen = browser.RefreshCookie!;
        Assert.Equal(HttpStatusCode.OK, (await browser.RefreshAsync()).Status);
        var (_, latestAccess, _) = await browser.RefreshAsync(); // the stolen token's successor is used too

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.RefreshAsync(cookie: stolen)).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.RefreshAsync()).Status);
        Assert.Equal(401, await browser.StatusAsync(HttpMethod.Get, "/api/hosts", latestAccess));
        Assert.Equal(401, await browser.StatusAsync(HttpMethod.Get, "/api/hosts", firstAccess));
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://evil.example")]
    public async Task Refresh_WithoutASameSiteOrigin_Is403_AndTheCookieIsNotUsed(string origin)
    {
        using var browser = new LoginClient(Server);
        await browser.LoginAsync(_userName, AdminApi.UserPassword);
        var cookie = browser.RefreshCookie;

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.RefreshAsync(origin: origin)).Status);

        Assert.Equal(cookie, browser.RefreshCookie);
        Assert.Equal(HttpStatusCode.OK, (await browser.RefreshAsync()).Status);
    }

    [Fact]
    public async Task RefreshCookie_IsHttpOnly_SameSiteStrict_AndScopedToTheRefreshPath()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Server.BaseUri, Timeout = TestTimeouts.Default };
        using var response = await http.PostAsync("/api/auth/token",
            System.Net.Http.Json.JsonContent.Create(new { username = _userName, password = AdminApi.UserPassword })).WithTimeout();

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith("bastion_refresh=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/auth/refresh", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ChangingOwnPassword_NeedsTheCurrentOne_AndEndsTheOtherLogins()
    {
        var (_, name, _) = await bastion.AddUserAsync(["auditor"]);
        using var here = new LoginClient(Server);
        using var elsewhere = new LoginClient(Server);
        await here.LoginAsync(name, AdminApi.UserPassword);
        var other = await elsewhere.LoginAsync(name, AdminApi.UserPassword);
        const string NewPassword = "a new password for this test";

        Assert.Equal(400, await here.StatusAsync(HttpMethod.Post, "/api/account/password", body: new { currentPassword = "wrong password!", newPassword = NewPassword }));
        Assert.Equal(200, await elsewhere.StatusAsync(HttpMethod.Get, "/api/me", other));

        Assert.Equal(204, await here.StatusAsync(HttpMethod.Post, "/api/account/password", body: new { currentPassword = AdminApi.UserPassword, newPassword = NewPassword }));

        Assert.Equal(401, await elsewhere.StatusAsync(HttpMethod.Get, "/api/me", other));
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.RefreshAsync()).Status);
        Assert.Equal(200, await here.StatusAsync(HttpMethod.Get, "/api/me"));
        await new LoginClient(Server).LoginAsync(name, NewPassword);
    }

    [Fact]
    public async Task OwnLogins_AreListed_AndEndingOneEndsItsToken()
    {
        var (_, name, _) = await bastion.AddUserAsync(["auditor"]);
        using var here = new LoginClient(Server);
        using var elsewhere = new LoginClient(Server);
        await here.LoginAsync(name, AdminApi.UserPassword);
        var other = await elsewhere.LoginAsync(name, AdminApi.UserPassword);

        var (status, list) = await Server.SendAsync(HttpMethod.Get, "/api/account/logins", here.AccessToken);
        Assert.Equal(200, status);
        Assert.Single(list.EnumerateArray(), l => l.GetProperty("current").GetBoolean());
        var otherId = OtherLoginId(list, other);

        Assert.Equal(204, await here.StatusAsync(HttpMethod.Delete, $"/api/account/logins/{otherId}"));

        Assert.Equal(401, await elsewhere.StatusAsync(HttpMethod.Get, "/api/me", other));
        Assert.Equal(200, await here.StatusAsync(HttpMethod.Get, "/api/me"));
        Assert.Equal(404, await elsewhere.StatusAsync(HttpMethod.Delete, $"/api/account/logins/{otherId}", here.AccessToken));
    }

    /// <summary>The login the access token <paramref name="token"/> names (its <c>sid</c>), as listed.</summary>
    private static string OtherLoginId(System.Text.Json.JsonElement list, string token)
    {
        var sid = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ReadJsonWebToken(token).GetClaim("sid").Value;
        return list.EnumerateArray().Single(l => l.GetProperty("id").GetString() == sid).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task AdminPasswordReset_EndsTheUsersLoginsAndTerminals()
    {
        var (userId, name, _) = await bastion.AddUserAsync(["operator"]);
        await bastion.GrantAsync(userId, _hostId);
        using var browser = new LoginClient(Server);
        var token = await browser.LoginAsync(name, AdminApi.UserPassword);
        await using var terminal = await Server.OpenTerminalAsync(token, _hostId);
        await terminal.SendInputAsync("echo reset-$((3*3))\r");
        await terminal.WaitForOutputAsync("reset-9");

        var (status, _) = await Server.SendAsync(HttpMethod.Post, $"/api/users/{userId}/password", bastion.AdminToken, new { password = "an admin's new password" });
        Assert.Equal(204, status);

        Assert.Equal(401, await browser.StatusAsync(HttpMethod.Get, "/api/me", token));
        await terminal.WaitForCloseAsync();
        Assert.Equal("login_ended", Assert.Single(terminal.Errors).GetProperty("code").GetString());
    }
}

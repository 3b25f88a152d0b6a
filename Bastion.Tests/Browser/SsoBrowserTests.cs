using System.Text.Json;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Validation;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// Single sign-on end to end: Debian's Chromium clicks the sign-in page's button, signs in and consents at a real
/// OpenID provider (oidc-provider on loopback), and lands on Bastion signed in with Bastion's own token; the user is
/// created with the roles and groups its provider groups map to, a second sign-in is the same user, and a user in no
/// mapped group is refused with a clear message.
/// </summary>
public sealed class SsoBrowserTests : IAsyncLifetime
{
    private BastionServer _server = null!;
    private OidcProviderProcess _provider = null!;
    private string _adminToken = "";

    public async Task InitializeAsync()
    {
        var (port, issuer) = OidcProviderProcess.Reserve();
        _server = await BastionServer.StartAsync(OidcProviderProcess.BastionSettings(issuer));
        _provider = await OidcProviderProcess.StartAsync(port, new Uri(_server.BaseUri, "/api/auth/sso/callback"));
        _adminToken = await _server.LoginAsync();
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnAdminGroupMember_SignsInThroughTheProvider_AndIsCreatedAsAnAdmin()
    {
        await using var browser = await SignInAtProviderAsync("alice");

        await browser.Page.WaitForURLAsync("**/#/hosts").WithTimeout();
        Assert.DoesNotContain("sso=", browser.Page.Url, StringComparison.Ordinal);
        Assert.Equal("alice", (await MeAsync(browser)).GetProperty("username").GetString());
        var alice = await UserAsync("alice");
        Assert.Equal([Roles.Admin], alice.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var login = await _server.WaitForEventAsync(e => e.Type == AuditEventTypes.LoginSucceeded && e.Actor == "alice", "login.succeeded for alice");
        Assert.Equal("oidc", login.Data("method"));
    }

    [Fact]
    public async Task ASecondSignIn_IsTheSameUser_WithTheMappedRoleAndGroup()
    {
        await using (var first = await SignInAtProviderAsync("olga"))
        {
            await first.Page.WaitForURLAsync("**/#/hosts").WithTimeout();
        }

        var created = await UserAsync("olga");
        await using var second = await SignInAtProviderAsync("olga");
        await second.Page.WaitForURLAsync("**/#/hosts").WithTimeout();

        var again = await UserAsync("olga");
        Assert.Equal(created.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal([Roles.Operator], again.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["dbas"], again.GetProperty("groups").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("olga", (await MeAsync(second)).GetProperty("username").GetString());
    }

    [Fact]
    public async Task AUserInNoMappedGroup_IsRefusedWithAClearMessage_AndNotCreated()
    {
        await using var browser = await SignInAtProviderAsync("outsider");

        var error = browser.Page.Locator("#sso-error:not([hidden])");
        await error.WaitForAsync().WithTimeout();
        Assert.Equal(ReplyMessages.SsoNotPermitted.Text, await error.TextContentAsync().WithTimeout());
        Assert.Contains("#/login", browser.Page.Url, StringComparison.Ordinal);
        var (_, users) = await _server.SendAsync(HttpMethod.Get, "/api/users", _adminToken);
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("username").GetString() == "outsider");
        await _server.WaitForEventAsync(e => e.Type == AuditEventTypes.LoginFailed && e.Data("user") == "outsider", "login.failed for outsider");
    }

    /// <summary>A fresh browser (no provider session) that clicks the button, signs in as <paramref name="user"/> at the
    /// provider's login page and consents.</summary>
    private async Task<BrowserSession> SignInAtProviderAsync(string user)
    {
        var browser = await BrowserSession.LaunchAsync();
        try
        {
            // The provider's built-in pages @import a web font; this machine (and the test) stays on loopback.
            await browser.Context.RouteAsync(url => !new Uri(url).IsLoopback, route => route.AbortAsync()).WithTimeout();
            var page = browser.Page;
            await page.GotoAsync(new Uri(_server.BaseUri, "/#/login").ToString()).WithTimeout();
            await page.ClickAsync("#sso-button").WithTimeout();
            await page.FillAsync("input[name=login]", user).WithTimeout();
            await page.FillAsync("input[name=password]", "any password: the test provider takes any").WithTimeout();
            await page.ClickAsync("button:has-text(\"Sign-in\")").WithTimeout();
            await page.ClickAsync("button:has-text(\"Continue\")").WithTimeout();
            return browser;
        }
        catch (Exception e)
        {
            var shot = await browser.ScreenshotAsync($"sso-{user}");
            await browser.DisposeAsync();
            throw new InvalidOperationException($"SSO sign-in as {user} failed (screenshot {shot}); console: {string.Join(" | ", browser.ConsoleLines)}; provider: {_provider.Output}", e);
        }
    }

    /// <summary><c>GET /api/me</c> with the token the page keeps in sessionStorage.</summary>
    private async Task<JsonElement> MeAsync(BrowserSession browser)
    {
        var stored = await browser.Page.EvaluateAsync<string>("() => sessionStorage.getItem('bastion.session')").WithTimeout();
        var token = JsonDocument.Parse(stored).RootElement.GetProperty("token").GetString();
        var (status, me) = await _server.SendAsync(HttpMethod.Get, "/api/me", token);
        Assert.Equal(200, status);
        return me;
    }

    private async Task<JsonElement> UserAsync(string name)
    {
        var (status, users) = await _server.SendAsync(HttpMethod.Get, "/api/users", _adminToken);
        Assert.Equal(200, status);
        return users.EnumerateArray().Single(u => u.GetProperty("username").GetString() == name);
    }
}

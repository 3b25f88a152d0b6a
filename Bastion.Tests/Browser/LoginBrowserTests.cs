using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// The web login session in headless Chromium (issue 11): a second tab of the same browser is signed in from the
/// refresh cookie without a password (and another browser is not); logging out in one tab signs the other out; a
/// terminal whose login is ended elsewhere says so; the account page changes the password and shows a new API token
/// once.
/// </summary>
public sealed class LoginBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    private async Task<IPage> SecondTabAsync(string hash = "#/hosts")
    {
        var page = await _browser.Context.NewPageAsync().WithTimeout();
        page.PageError += (_, error) => _browser.ConsoleLines.Add($"pageerror (tab 2): {error}");
        await page.GotoAsync(new Uri(_server.BaseUri, "/" + hash).ToString()).WithTimeout();
        return page;
    }

    private static async Task<string> TokenOfAsync(IPage page) =>
        JsonDocument.Parse(await page.EvaluateAsync<string>("() => sessionStorage.getItem('bastion.session')").WithTimeout())
            .RootElement.GetProperty("token").GetString()!;

    [Fact]
    public async Task SecondTab_IsSignedInWithoutAPassword_ButAnotherBrowserIsNot()
    {
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);

        var second = await SecondTabAsync();

        await second.Locator("#topbar-user").WaitForAsync().WithTimeout();
        Assert.Equal("admin", (await second.Locator("#topbar-user").TextContentAsync().WithTimeout())?.Trim());
        Assert.EndsWith("#/hosts", second.Url, StringComparison.Ordinal);
        var sid = new JsonWebTokenHandler().ReadJsonWebToken(await TokenOfAsync(second)).GetClaim("sid").Value;
        Assert.Equal(new JsonWebTokenHandler().ReadJsonWebToken(await TokenOfAsync(_browser.Page)).GetClaim("sid").Value, sid);

        await using var other = await BrowserSession.LaunchAsync();
        await other.Page.GotoAsync(new Uri(_server.BaseUri, "/#/hosts").ToString()).WithTimeout();
        await other.Page.Locator("#login-username").WaitForAsync().WithTimeout();
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogoutInOneTab_SignsTheOtherTabOut()
    {
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var second = await SecondTabAsync();
        await second.Locator("#topbar-user").WaitForAsync().WithTimeout();

        await _browser.Page.ClickAsync("#logout").WithTimeout();

        await second.Locator("#login-username").WaitForAsync().WithTimeout();
        var third = await SecondTabAsync();
        await third.Locator("#login-username").WaitForAsync().WithTimeout();
    }

    [Fact]
    public async Task TerminalOfALoginEndedElsewhere_EndsWithLoginEnded_AndSaysSo()
    {
        var admin = await _server.LoginAsync();
        await _server.AddHostAsync(admin, sshd.Server, name: "login-end");
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.ClickAsync(".host-row[data-host-name='login-end'] .host-open").WithTimeout();
        await page.Locator(".workspace-tab[data-selected='true'][data-state='connected']").WaitForAsync().WithTimeout();
        var sid = new JsonWebTokenHandler().ReadJsonWebToken(await TokenOfAsync(page)).GetClaim("sid").Value;

        // From another device: the account page's "sign out" for this browser's login.
        var (status, _) = await _server.SendAsync(HttpMethod.Delete, $"/api/account/logins/{sid}", admin);
        Assert.Equal(204, status);

        await page.Locator("#terminal-detail[data-code='login_ended']").WaitForAsync(new() { State = WaitForSelectorState.Attached }).WithTimeout();
        Assert.Contains("sign-in ended", await page.Locator("#terminal-detail").TextContentAsync().WithTimeout(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_ChangesThePassword_AndShowsANewApiTokenOnce()
    {
        var admin = await _server.LoginAsync();
        await _server.CreateUserAsync(admin, "account-user", ["operator"]);
        await _browser.LoginAsync(_server.BaseUri, "account-user", AdminApi.UserPassword);
        var page = _browser.Page;
        await page.ClickAsync("#nav-account").WithTimeout();
        await page.Locator(".login-row[data-current='true']").WaitForAsync().WithTimeout();

        await page.FillAsync("#account-current-password", "not the password").WithTimeout();
        await page.FillAsync("#account-new-password", "a brand new password").WithTimeout();
        await page.FillAsync("#account-confirm-password", "a brand new password").WithTimeout();
        await page.ClickAsync("#account-password-submit").WithTimeout();
        await page.Locator("#account-current-password-error:not([hidden])").WaitForAsync().WithTimeout();
        await page.FillAsync("#account-current-password", AdminApi.UserPassword).WithTimeout();
        await page.ClickAsync("#account-password-submit").WithTimeout();
        await page.Locator("#account-password-status:not([hidden])").WaitForAsync().WithTimeout();
        Assert.Equal(401, (await _server.SendAsync(HttpMethod.Post, "/api/auth/token", null, new { username = "account-user", password = AdminApi.UserPassword })).Status);
        await _server.LoginAsync("account-user", "a brand new password");

        await page.FillAsync("#token-name", "ci").WithTimeout();
        await page.ClickAsync("#token-create").WithTimeout();
        var secret = await page.Locator("#token-secret").InputValueAsync().WithTimeout();
        Assert.StartsWith("bst_", secret, StringComparison.Ordinal);
        Assert.Equal(200, (await _server.SendAsync(HttpMethod.Get, "/api/hosts", secret)).Status);
        await page.Locator(".token-row").WaitForAsync().WithTimeout();
        await _browser.ScreenshotAsync("account-page");

        await page.ReloadAsync().WithTimeout();
        await page.Locator(".token-row").WaitForAsync().WithTimeout();
        Assert.Equal(0, await page.Locator("#token-secret").CountAsync().WithTimeout());
        Assert.DoesNotContain(secret, await page.ContentAsync().WithTimeout(), StringComparison.Ordinal);
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }
}

using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// The admin page in Debian's Chromium: an admin adds a host, scans and approves its key, creates an operator and
/// grants the host; the operator signs in, opens a terminal on it and sees a command's output.
/// </summary>
public sealed class AdminFlowBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private const string OperatorPassword = "operator-password-ui";
    // A deployment of its own: the admin pages list every host, user and grant of the server.
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    private static async Task LoginAsync(IPage page, string user, string password)
    {
        await page.FillAsync("#login-username", user).WithTimeout();
        await page.FillAsync("#login-password", password).WithTimeout();
        await page.ClickAsync("#login-submit").WithTimeout();
    }

    [Fact]
    public async Task Admin_AddsScansApprovesAndGrantsAHost_OperatorOpensATerminal()
    {
        var page = await _browser.Context.NewPageAsync().WithTimeout();
        page.SetDefaultTimeout(15_000);
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync(_server.BaseUri + "#/login").WithTimeout();

        // 1. Admin signs in and adds the host through the form.
        await LoginAsync(page, "admin", BastionServer.AdminPassword);
        await page.ClickAsync("#nav-admin").WithTimeout();
        await page.ClickAsync("#admin-host-add").WithTimeout();
        await page.FillAsync("#host-name", "web-ui").WithTimeout();
        await page.FillAsync("#host-address", "has space").WithTimeout();
        await page.FillAsync("#host-port", sshd.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).WithTimeout();
        await page.FillAsync("#host-username", sshd.Server.UserName).WithTimeout();
        await page.FillAsync("#host-password", sshd.Server.Password).WithTimeout();
        await page.ClickAsync("#host-save").WithTimeout();
        await page.WaitForSelectorAsync("#host-address-error:not([hidden])").WithTimeout(); // the API's message, next to the field
        await page.FillAsync("#host-address", sshd.Server.Host).WithTimeout();
        await page.ClickAsync("#host-save").WithTimeout();
        var row = page.Locator(".admin-host-row[data-host-name='web-ui']");
        await row.WaitForAsync().WithTimeout();

        // 2. Scan shows the fingerprint; approving pins it.
        await row.Locator(".host-scan").ClickAsync().WithTimeout();
        var shown = await page.Locator("#scan-fingerprint").TextContentAsync().WithTimeout();
        Assert.Equal(sshd.Server.HostKeyFingerprint, shown);
        await page.ClickAsync("#scan-approve").WithTimeout();
        await page.Locator($".admin-host-row[data-host-name='web-ui'] code.fingerprint[title='{sshd.Server.HostKeyFingerprint}']").WaitForAsync().WithTimeout();

        // 3. An operator, and a grant.
        await page.ClickAsync("#tab-users").WithTimeout();
        await page.ClickAsync("#user-add").WithTimeout();
        await page.FillAsync("#user-username", "opui").WithTimeout();
        await page.FillAsync("#user-password", OperatorPassword).WithTimeout();
        await page.ClickAsync("#user-save").WithTimeout();
        await page.Locator(".user-row[data-username='opui']").WaitForAsync().WithTimeout();
        await page.ClickAsync("#tab-grants").WithTimeout();
        await page.ClickAsync("#grant-add").WithTimeout();
        await page.SelectOptionAsync("#grant-userId", new SelectOptionValue { Label = "opui" }).WithTimeout();
        await page.SelectOptionAsync("#grant-hostId", new SelectOptionValue { Label = "web-ui" }).WithTimeout();
        await page.ClickAsync("#grant-save").WithTimeout();
        await page.Locator(".grant-row").WaitForAsync().WithTimeout();
        await page.ClickAsync("#logout").WithTimeout();

        // 4. The operator sees no admin link, opens the granted host and runs a command.
        await LoginAsync(page, "opui", OperatorPassword);
        var hostRow = page.Locator(".host-row[data-host-name='web-ui']");
        await hostRow.WaitForAsync().WithTimeout();
        Assert.Equal(0, await page.Locator("#nav-admin").CountAsync().WithTimeout());
        await hostRow.Locator(".host-open").ClickAsync().WithTimeout();
        await page.Locator("#terminal-status[data-state='connected']").WaitForAsync().WithTimeout();
        await page.ClickAsync("#terminal").WithTimeout();
        await page.Keyboard.TypeAsync("echo ui-$((6*7))").WithTimeout();
        await page.Keyboard.PressAsync("Enter").WithTimeout();
        await page.WaitForFunctionAsync("() => (window.bastionOutput || '').includes('ui-42')").WithTimeout();
    }

    [Fact]
    public async Task LanguageSwitch_ShowsChinese_OnLoginAndTerminalPages()
    {
        var page = await _browser.Context.NewPageAsync().WithTimeout();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(_server.BaseUri + "#/login").WithTimeout();

        await page.SelectOptionAsync("#language-switch", "zh-CN").WithTimeout();

        Assert.Equal("登录", (await page.Locator("#login-submit").TextContentAsync().WithTimeout())?.Trim());
        var token = await _server.LoginAsync();
        var hostId = await _server.AddHostAsync(token, sshd.Server, name: "zh-host");
        await LoginAsync(page, "admin", BastionServer.AdminPassword);
        await page.Locator(".host-row[data-host-name='zh-host']").WaitForAsync().WithTimeout();
        Assert.Equal("打开终端", (await page.Locator(".host-open").First.TextContentAsync().WithTimeout())?.Trim());
        await page.GotoAsync(_server.BaseUri + $"#/terminal/{hostId}").WithTimeout();
        await page.Locator("#terminal-status[data-state='connected']").WaitForAsync().WithTimeout();
        Assert.Equal("已连接", (await page.Locator("#terminal-status").TextContentAsync().WithTimeout())?.Trim());
    }
}

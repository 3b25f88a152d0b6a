using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// Admin pages in Chromium on a deployment of their own: an admin's empty host list points to Admin → Hosts, a CSV
/// import shows a readable report (not JSON), Revoke asks first (dismissing keeps the grant), the user form's
/// role checkboxes say what each role may do, and disabling a user, resetting their second factors or deleting a host
/// asks first too.
/// </summary>
public sealed class AdminPagesBrowserTests : IAsyncLifetime
{
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task EmptyHostList_PointsToAdmin_ImportShowsAReport_RevokeAsksFirst()
    {
        var token = await _server.LoginAsync().WithTimeout();
        await _server.SendAsync(HttpMethod.Post, "/api/grants", token, new { userGroup = "ops", hostGroup = "web" }).WithTimeout();
        var userName = HostSpec.UniqueName("ops");
        await _server.CreateUserAsync(token, userName, ["operator"]).WithTimeout();
        var page = await _browser.Context.NewPageAsync().WithTimeout();
        page.SetDefaultTimeout(15_000);
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await page.GotoAsync(_server.BaseUri + "#/login").WithTimeout();
        await page.FillAsync("#login-username", "admin").WithTimeout();
        await page.FillAsync("#login-password", BastionServer.AdminPassword).WithTimeout();
        await page.ClickAsync("#login-submit").WithTimeout();

        // 1. No hosts yet: the admin is sent to Admin → Hosts (from the host list, and from Ctrl+K), which says how to
        //    add some.
        await page.Locator("#hosts-empty-admin").WaitForAsync().WithTimeout();
        await page.Keyboard.PressAsync("Control+k").WithTimeout();
        await page.Locator("#quick-connect-empty-admin").WaitForAsync().WithTimeout();
        await page.Keyboard.PressAsync("Escape").WithTimeout();
        await page.ClickAsync("#hosts-empty-admin").WithTimeout();
        await page.Locator("#admin-hosts-empty").WaitForAsync().WithTimeout();
        Assert.Contains("Add host", await page.TextContentAsync("#admin-hosts-empty").WithTimeout(), StringComparison.Ordinal);

        // 2. Import: counts and the rejected line with its reason.
        await page.ClickAsync(".import summary").WithTimeout();
        await page.FillAsync("#import-text", "name,address,username\nweb-1,10.0.0.5,deploy\nweb-2,,deploy\n").WithTimeout();
        await page.ClickAsync("text=Import CSV").WithTimeout();
        await page.Locator("#import-result .import-summary").WaitForAsync().WithTimeout();
        await page.Locator(".admin-host-row[data-host-name='web-1']").WaitForAsync().WithTimeout();
        Assert.True(await page.Locator("#admin-hosts-empty").IsHiddenAsync().WithTimeout());
        Assert.Equal("Added 1, updated 0, unchanged 0, rejected 1.", await page.TextContentAsync("#import-result .import-summary").WithTimeout());
        Assert.Contains("address: a host name or IP address is required", await page.TextContentAsync("#import-result .import-rejected").WithTimeout(), StringComparison.Ordinal);

        // 3. Revoke asks and says live sessions end; dismissed, the grant stays.
        await page.ClickAsync("#tab-grants").WithTimeout();
        await page.ClickAsync(".grant-revoke").WithTimeout();
        Assert.Contains("Live sessions it allows end now", Assert.Single(dialogs), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".grant-row").CountAsync().WithTimeout());

        // 4. The user form labels each role with what it may do.
        await page.ClickAsync("#tab-users").WithTimeout();
        await page.ClickAsync("#user-add").WithTimeout();
        Assert.Equal("Auditor: reads the audit log and recordings", await page.TextContentAsync("label[for$='role-auditor']").WithTimeout());

        // 5. Everything else that ends someone's work asks first too, and dismissing changes nothing: disabling a user,
        //    removing their second factors, deleting a host; a new password says so in its form.
        await page.ClickAsync("#user-cancel").WithTimeout();
        var row = page.Locator($".user-row[data-username='{userName}']");

        // Locked accounts stand apart from the users table, their title inside the panel's padding.
        var users = await page.Locator("#users-table").Locator("xpath=..").BoundingBoxAsync().WithTimeout();
        var lockouts = await page.Locator("#lockouts").BoundingBoxAsync().WithTimeout();
        var titleX = await page.EvalOnSelectorAsync<double>("#lockouts > h2", "h => { const r = document.createRange(); r.selectNodeContents(h); return r.getBoundingClientRect().left + window.scrollX; }").WithTimeout();
        Assert.True(users is not null && lockouts is not null && lockouts.Y >= users.Y + users.Height + 8, $"Locked accounts at y={lockouts?.Y} touches the users table ending at {users?.Y + users?.Height}");
        Assert.True(lockouts is not null && titleX >= lockouts.X + 8, $"the Locked accounts title at x={titleX} touches its panel at x={lockouts?.X}");
        await row.Locator(".user-toggle").ClickAsync().WithTimeout();
        Assert.Contains("signed out everywhere and their terminals close", dialogs[^1], StringComparison.Ordinal);
        await row.Locator(".user-mfa-reset").ClickAsync().WithTimeout();
        Assert.Contains("Remove every second factor", dialogs[^1], StringComparison.Ordinal);
        await row.Locator(".user-password").ClickAsync().WithTimeout();
        Assert.Contains("signs " + userName + " out everywhere", await page.TextContentAsync("#password-form").WithTimeout(), StringComparison.Ordinal);
        await page.ClickAsync("#tab-hosts").WithTimeout();
        await page.ClickAsync(".admin-host-row[data-host-name='web-1'] .host-delete").WithTimeout();
        Assert.Contains("Live sessions on it end now", dialogs[^1], StringComparison.Ordinal);
        Assert.Equal(4, dialogs.Count);
        await page.ClickAsync("#tab-users").WithTimeout();
        await page.Locator($".user-row[data-username='{userName}']").WaitForAsync().WithTimeout();
        Assert.DoesNotContain("Disabled", await page.TextContentAsync($".user-row[data-username='{userName}']").WithTimeout() ?? "", StringComparison.Ordinal);
        await page.ClickAsync("#tab-hosts").WithTimeout();
        await page.Locator(".admin-host-row[data-host-name='web-1']").WaitForAsync().WithTimeout();
    }
}

using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// Small defects a walk through the pages found (issue 14), asserted in Chromium: the workspace's status bar with no
/// terminal open showed "Bastion / ●" (an empty host name and a closed status's red dot); the new grant form had no
/// file transfer boxes though the table has them; a scan that records a key for review left the Pending keys tab's
/// count stale; a second import kept the first one's report while it ran, and the report named no unchanged lines.
/// </summary>
public sealed class WalkFixesBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task Workspace_WithNoTerminalOpen_ShowsNeitherAHostNorAStatusDot()
    {
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/terminal").WithTimeout();
        await page.Locator("#workspace-empty").WaitForAsync().WithTimeout();
        await _browser.ScreenshotAsync("workspace-no-terminal");
        Assert.True(await page.Locator(".statusbar .brand").IsVisibleAsync().WithTimeout());
        foreach (var selector in new[] { ".statusbar .crumb", "#terminal-host", "#terminal-status" })
        {
            Assert.False(await page.Locator(selector).IsVisibleAsync().WithTimeout(), $"{selector} shows with no terminal open");
        }
    }

    [Fact]
    public async Task NewGrantForm_HasBothTransferBoxes_On_AndSendsThem()
    {
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/admin/grants").WithTimeout();
        await page.Locator("#grant-add:not([disabled])").WaitForAsync().WithTimeout();
        await page.ClickAsync("#grant-add").WithTimeout();
        await page.Locator("#grant-form").WaitForAsync().WithTimeout();
        Assert.True(await page.Locator("#grant-allowUpload").IsCheckedAsync().WithTimeout());
        Assert.True(await page.Locator("#grant-allowDownload").IsCheckedAsync().WithTimeout());
        await _browser.ScreenshotAsync("grant-form-transfer");

        await page.FillAsync("#grant-userGroup", "walk-ops").WithTimeout();
        await page.FillAsync("#grant-hostGroup", "walk-web").WithTimeout();
        await page.UncheckAsync("#grant-allowUpload").WithTimeout();
        await page.ClickAsync("#grant-form button[type='submit']").WithTimeout();
        var row = page.Locator(".grant-row");
        await row.WaitForAsync().WithTimeout();
        Assert.False(await row.Locator(".grant-allowUpload").IsCheckedAsync().WithTimeout());
        Assert.True(await row.Locator(".grant-allowDownload").IsCheckedAsync().WithTimeout());
    }

    [Fact]
    public async Task ScanningAnUnpinnedHost_CountsItsKeyOnThePendingKeysTab_AtOnce()
    {
        var admin = await _server.LoginAsync().WithTimeout();
        var id = await _server.CreateHostAsync(admin, HostSpec.For(sshd.Server, "walk-scan").Unpinned()).WithTimeout();
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/admin/hosts").WithTimeout();
        await page.Locator($".admin-host-row[data-host-id='{id}']").WaitForAsync().WithTimeout();
        Assert.True(await page.Locator("#tab-keys-count").IsHiddenAsync().WithTimeout());

        await page.ClickAsync($".admin-host-row[data-host-id='{id}'] .host-scan").WithTimeout();
        await page.Locator("#scan-result").WaitForAsync().WithTimeout();
        await page.WaitForFunctionAsync("() => { const c = document.querySelector('#tab-keys-count'); return c && !c.hidden && c.textContent === '1'; }").WithTimeout();

        // Approving the scanned key settles it: the count goes.
        await page.ClickAsync("#scan-approve").WithTimeout();
        await page.WaitForFunctionAsync("() => { const c = document.querySelector('#tab-keys-count'); return c && c.hidden; }").WithTimeout();
    }

    [Fact]
    public async Task ASecondImport_ClearsTheFirstReport_AndTheReportNamesTheUnchangedLines()
    {
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/admin/hosts").WithTimeout();
        await page.ClickAsync(".import summary").WithTimeout();
        const string Csv = "name,address,username\nwalk-imp-1,10.9.0.1,deploy\nwalk-imp-2,10.9.0.2,deploy\n";
        await page.FillAsync("#import-text", Csv).WithTimeout();
        await page.ClickAsync("text=Import CSV").WithTimeout();
        await page.Locator("#import-result .import-summary").WaitForAsync().WithTimeout();
        Assert.Equal("Added 2, updated 0, unchanged 0, rejected 0.", await page.TextContentAsync("#import-result .import-summary").WithTimeout());
        await page.Locator("#import-progress").WaitForAsync(new() { State = WaitForSelectorState.Hidden }).WithTimeout();

        // The same lines again; what the report holds right as the import starts, in the click's own task.
        var leftOver = await page.EvaluateAsync<int>(
            "() => { [...document.querySelectorAll('.import button')].find(b => b.textContent === 'Import CSV').click();"
            + " return document.querySelector('#import-result').childElementCount; }").WithTimeout();
        Assert.Equal(0, leftOver);
        await page.Locator("#import-result .import-summary").WaitForAsync().WithTimeout();
        Assert.Equal("Added 0, updated 0, unchanged 2, rejected 0.", await page.TextContentAsync("#import-result .import-summary").WithTimeout());
        Assert.Equal("Unchanged (2)", await page.TextContentAsync("#import-result .import-unchanged summary").WithTimeout());
        await page.ClickAsync("#import-result .import-unchanged summary").WithTimeout();
        Assert.Equal("walk-imp-1, walk-imp-2", await page.TextContentAsync("#import-result .import-unchanged .import-names").WithTimeout());
        await _browser.ScreenshotAsync("import-unchanged");
    }
}

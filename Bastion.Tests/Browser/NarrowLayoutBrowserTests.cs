using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// A phone-sized window (390 × 844, issue 14): every control of the top bar and of the workspace's bars is inside the
/// window (it used to overflow and cut off Open terminal and Log out), and the extra-keys bar shows when toggled.
/// Screenshots are saved under the test output's <c>screenshots/</c> folder for a person to look at.
/// </summary>
public sealed class NarrowLayoutBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private const int Width = 390;
    private const int Height = 844;
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync(), Width, Height);

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task At390Pixels_EveryTopBarControl_IsInsideTheWindow()
    {
        var token = await _server.LoginAsync();
        await _server.AddHostAsync(token, sshd.Server, name: "narrow-host");
        var page = _browser.Page;
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.Locator(".host-row[data-host-name='narrow-host']").WaitForAsync().WithTimeout();
        await _browser.ScreenshotAsync("narrow-hosts");
        await AssertInsideAsync(page, ".topbar .brand", "#nav-hosts", "#nav-terminals", "#nav-sessions", "#nav-audit", "#nav-admin",
            "#language-switch", "#nav-account", "#logout", ".host-row[data-host-name='narrow-host'] .host-open");
        // The fingerprint column goes at this width, its header with it: each header still names its column.
        Assert.Equal(["", "Name", "Target", ""], await page.EvalOnSelectorAllAsync<string[]>(
            "#hosts-table thead th", "ths => ths.filter(th => th.offsetParent !== null).map(th => th.textContent.trim() === '' || th.querySelector('.visually-hidden') ? '' : th.textContent.trim())").WithTimeout());
        Assert.True(await page.Locator(".host-row[data-host-name='narrow-host'] .host-target").IsVisibleAsync().WithTimeout());
        Assert.False(await page.Locator(".host-row[data-host-name='narrow-host'] .host-key").IsVisibleAsync().WithTimeout());

        await page.ClickAsync(".host-row[data-host-name='narrow-host'] .host-open").WithTimeout();
        await page.Locator(".workspace-tab[data-selected='true'][data-state='connected']").WaitForAsync().WithTimeout();
        await page.ClickAsync("#workspace-keys").WithTimeout();
        await page.Locator("#extra-keys").WaitForAsync().WithTimeout();
        await _browser.ScreenshotAsync("narrow-workspace");
        await AssertInsideAsync(page, ".statusbar .brand", "#terminal-host", "#terminal-status", "#terminal-recorded", "#workspace-sessions",
            "#language-switch", "#terminal-back", ".workspace-tab[data-selected='true']", "#workspace-add", "#workspace-files", "#workspace-search",
            "#workspace-keys", "#workspace-settings", "#extra-keys .extra-key[data-key='escape']", "#extra-keys .extra-key[data-key='right']");
    }

    [Fact]
    public async Task At390Pixels_InChinese_ThePageHeadingAndTheCountStayOnOneLine_AndTheFilterGivesWay()
    {
        var token = await _server.LoginAsync();
        await _server.AddHostAsync(token, sshd.Server, name: "narrow-zh");
        var page = _browser.Page;
        await page.AddInitScriptAsync("localStorage.setItem('bastion.lang', 'zh-CN')").WithTimeout();
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.Locator(".host-row[data-host-name='narrow-zh']").WaitForAsync().WithTimeout();
        Assert.Equal("主机", await page.TextContentAsync(".page-head h1").WithTimeout());
        await _browser.ScreenshotAsync("narrow-hosts-zh");

        // "主机" used to wrap one character a line, and "1 台主机" over two, beside a filter that would not shrink.
        foreach (var selector in new[] { ".page-head h1", "#hosts-count" })
        {
            var lines = await page.EvalOnSelectorAsync<int>(selector, "e => { const r = document.createRange(); r.selectNodeContents(e); return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }").WithTimeout();
            Assert.True(lines == 1, $"{selector} takes {lines} lines");
        }

        await AssertInsideAsync(page, ".page-head h1", "#hosts-count", "#hosts-filter");
    }

    [Fact]
    public async Task At390Pixels_HostNamesAndTargets_StayOnOneLine_CutShortWithTheirWholeTextInTheTitle()
    {
        // Names and logins like the walk's: broken anywhere they read "web-wrongp / w" and "bastiontest@1 / 27.0.0.1:3577 / 1".
        var token = await _server.LoginAsync();
        await _server.CreateHostAsync(token, HostSpec.For(sshd.Server, "web-wrongpw-replica-eu") with { Username = "bastiontest" }).WithTimeout();
        await _server.AddHostAsync(token, sshd.Server, name: "web-1");
        var page = _browser.Page;
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.Locator(".host-row[data-host-name='web-wrongpw-replica-eu']").WaitForAsync().WithTimeout();
        await _browser.ScreenshotAsync("narrow-host-names");
        // Each cell's text, the lines its text's boxes take (one top per line), and its title.
        var cells = await page.EvalOnSelectorAllAsync<string[][]>(
            ".host-row .host-name, .host-row .host-target",
            "tds => tds.map(td => { const w = document.createTreeWalker(td, NodeFilter.SHOW_TEXT); const tops = new Set();"
            + " for (let n = w.nextNode(); n; n = w.nextNode()) { const r = document.createRange(); r.selectNodeContents(n);"
            + " for (const b of r.getClientRects()) tops.add(Math.round(b.top)); } const lines = tops.size;"
            + " return [td.textContent, td.title, String(lines)]; })").WithTimeout();
        Assert.Equal(4, cells.Length);
        Assert.All(cells, c =>
        {
            Assert.True(c[2] == "1", $"“{c[0]}” takes {c[2]} lines");
            Assert.Equal(c[0], c[1]);
        });
        var open = await page.Locator(".host-row[data-host-name='web-wrongpw-replica-eu'] .host-open").BoundingBoxAsync().WithTimeout();
        Assert.NotNull(open);
        Assert.True(open.X + open.Width <= Width, $"Open terminal ends at {open.X + open.Width}");
    }

    private static async Task AssertInsideAsync(IPage page, params string[] selectors)
    {
        foreach (var selector in selectors)
        {
            var element = page.Locator(selector);
            Assert.True(await element.IsVisibleAsync().WithTimeout(), $"{selector} is not visible");
            var box = await element.BoundingBoxAsync().WithTimeout();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= Width + 0.5 && box.Y + box.Height <= Height + 0.5,
                $"{selector} at ({box.X}, {box.Y}) {box.Width}×{box.Height} is not inside {Width}×{Height}");
        }
    }
}

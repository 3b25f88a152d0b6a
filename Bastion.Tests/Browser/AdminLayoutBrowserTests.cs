using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// What a walk through the admin pages and the settings dialog found, asserted on element boxes in Chromium: the
/// empty states of Admin → Hosts, Pending keys and Grants sit inside their panel's padding (they touched its border);
/// the user form's roles are one group; a connection test that meets an unpinned key brings the Pending keys tab's
/// count up at once (it waited for a reload) and the key's source wraps between words ("connectio / n attempt");
/// the settings dialog shows the font family's hint whole and draws its selects like its fields.
/// </summary>
public sealed class AdminLayoutBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private const string TextOffsetInPanel =
        "empty => { const e = document.querySelector(empty); const r = document.createRange(); r.selectNodeContents(e);"
        + " const t = r.getBoundingClientRect(); const p = e.parentElement.getBoundingClientRect();"
        + " return [t.left - p.left, t.top - p.top]; }";

    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task EmptyStates_SitInsideTheirPanels_AndTheUserFormsRoles_AreOneRow()
    {
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        foreach (var (tab, empty) in new[] { ("hosts", "#admin-hosts-empty"), ("keys", "#pending-keys-empty"), ("grants", "#grants-empty") })
        {
            await page.GotoAsync(_server.BaseUri + "#/admin/" + tab).WithTimeout();
            await page.Locator(empty).WaitForAsync().WithTimeout();
            var offset = await page.EvaluateAsync<double[]>(TextOffsetInPanel, empty).WithTimeout();
            Assert.True(offset[0] >= 12 && offset[1] >= 12, $"{empty}'s text is {offset[0]} px from its panel's left and {offset[1]} px from its top");
        }

        await _browser.ScreenshotAsync("admin-grants-empty");
        await page.ClickAsync("#tab-users").WithTimeout();
        await page.ClickAsync("#user-add").WithTimeout();
        Assert.Equal("Roles", await page.TextContentAsync("#user-choices > legend").WithTimeout());
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var role in new[] { "admin", "operator", "auditor" })
        {
            var box = await BoxAsync(page, $"#user-choices #user-role-{role}");
            var label = await BoxAsync(page, $"#user-choices label[for='user-role-{role}']");
            Assert.True(label.X >= box.X + box.Width && label.X - (box.X + box.Width) <= 16, $"the {role} label starts {label.X - (box.X + box.Width)} px right of its box");
            boxes.Add(box);
        }

        Assert.All(boxes, b => Assert.InRange(b.Y, boxes[0].Y - 4, boxes[0].Y + 4));
        await _browser.ScreenshotAsync("admin-user-form-roles");
    }

    [Fact]
    public async Task TestingAnUnpinnedHost_CountsItsKeyOnTheTab_AndTheKeysSourceWrapsBetweenWords()
    {
        var admin = await _server.LoginAsync().WithTimeout();
        var id = await _server.CreateHostAsync(admin, HostSpec.For(sshd.Server, "walk-unpinned").Unpinned()).WithTimeout();
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/admin/hosts").WithTimeout();
        await page.Locator($".admin-host-row[data-host-id='{id}']").WaitForAsync().WithTimeout();
        Assert.True(await page.Locator("#tab-keys-count").IsHiddenAsync().WithTimeout());

        await page.ClickAsync($".admin-host-row[data-host-id='{id}'] .host-test").WithTimeout();
        await page.Locator($"#probe-result[data-host-id='{id}']").WaitForAsync().WithTimeout();
        await page.WaitForFunctionAsync("() => { const c = document.querySelector('#tab-keys-count'); return c && !c.hidden && c.textContent === '1'; }").WithTimeout();

        await page.ClickAsync("#tab-keys").WithTimeout();
        var source = page.Locator(".pending-key-row .key-source");
        await source.WaitForAsync().WithTimeout();
        Assert.Equal("connection attempt", await source.TextContentAsync().WithTimeout());
        // Each word on one line: a word broken across lines has a box on each.
        var linesPerWord = await source.EvaluateAsync<int[]>(
            "td => [...td.textContent.matchAll(/\\S+/g)].map(m => { const r = document.createRange();"
            + " r.setStart(td.firstChild, m.index); r.setEnd(td.firstChild, m.index + m[0].length); return r.getClientRects().length; })").WithTimeout();
        Assert.All(linesPerWord, lines => Assert.Equal(1, lines));
        await _browser.ScreenshotAsync("admin-pending-source");
    }

    [Fact]
    public async Task SettingsDialog_ShowsTheFontFamilyHintWhole_AndItsSelectsAsTallAsItsFields()
    {
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/terminal").WithTimeout();
        await page.ClickAsync("#workspace-settings").WithTimeout();
        await page.Locator("#setting-font-family").WaitForAsync().WithTimeout();
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height).WithTimeout();
            // The placeholder's width in the field's own font, against the room inside the field's padding.
            var room = await page.EvalOnSelectorAsync<double[]>(
                "#setting-font-family",
                "i => { const s = getComputedStyle(i); const c = document.createElement('canvas').getContext('2d'); c.font = s.font;"
                + " return [c.measureText(i.placeholder).width, i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)]; }").WithTimeout();
            Assert.True(room[0] <= room[1], $"at {width} px the hint needs {room[0]} px and the field has {room[1]}");
            var field = await BoxAsync(page, "#setting-font-size");
            foreach (var select in new[] { "#setting-theme", "#setting-cursor" })
            {
                Assert.InRange((await BoxAsync(page, select)).Height, field.Height - 1, field.Height + 1);
            }

            await _browser.ScreenshotAsync($"settings-dialog-{width}");
        }
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(IPage page, string selector)
    {
        var box = await page.Locator(selector).BoundingBoxAsync().WithTimeout();
        Assert.NotNull(box);
        return box;
    }
}

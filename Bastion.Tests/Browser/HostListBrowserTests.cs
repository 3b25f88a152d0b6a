using System.Globalization;
using System.Text;
using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// The host lists as a new admin sees them after an import (issue 14, walked in Chromium): both lists show one page
/// from the server and say how many of how many (a 100,000-host inventory loaded whole took seconds and, rendered
/// whole, overflowed the call stack), "Show more" adds the next page, the filter asks the server; Admin → Hosts keeps
/// every row button inside a 1400 px window, and the light theme reaches the table headers.
/// </summary>
public sealed class HostListBrowserTests : IAsyncLifetime
{
    private const int Width = 1400;
    private const int Listed = 100;
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync(), Width, 900);

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task MoreHostsThanAPage_BothListsShowTheFirstPage_SayHowManyOfHowMany_ShowMore_AndTheFilterFindsTheRest()
    {
        const int count = 1200;
        var admin = await _server.LoginAsync().WithTimeout();
        await ImportAsync(admin, Enumerable.Range(0, count).Select(i => $"bulk-{i:D5},10.9.{i / 256}.{i % 256},deploy,"));
        var page = _browser.Page;
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);

        await page.Locator("#hosts-more:not([hidden])").WaitForAsync().WithTimeout();
        Assert.Equal(Listed, await page.Locator(".host-row").CountAsync().WithTimeout());
        Assert.Equal("Showing 100 of 1,200 hosts", await page.TextContentAsync("#hosts-more").WithTimeout());
        Assert.Equal("1,200 hosts", await page.TextContentAsync("#hosts-count").WithTimeout());
        await page.ClickAsync("#hosts-show-more").WithTimeout();
        await page.Locator(".host-row[data-host-name='bulk-00199']").WaitForAsync().WithTimeout();
        Assert.Equal(2 * Listed, await page.Locator(".host-row").CountAsync().WithTimeout());
        Assert.Equal("Showing 200 of 1,200 hosts", await page.TextContentAsync("#hosts-more").WithTimeout());
        await page.FillAsync("#hosts-filter", "bulk-01199").WithTimeout();
        await page.Locator(".host-row[data-host-name='bulk-01199']").WaitForAsync().WithTimeout();
        Assert.Equal(1, await page.Locator(".host-row").CountAsync().WithTimeout());
        Assert.True(await page.Locator("#hosts-more").IsHiddenAsync().WithTimeout());
        Assert.True(await page.Locator("#hosts-show-more").IsHiddenAsync().WithTimeout());

        await page.GotoAsync(_server.BaseUri + "#/admin/hosts").WithTimeout();
        await page.Locator("#admin-hosts-more:not([hidden])").WaitForAsync().WithTimeout();
        Assert.Equal(Listed, await page.Locator(".admin-host-row").CountAsync().WithTimeout());
        await page.FillAsync("#admin-hosts-search", "bulk-01199").WithTimeout();
        await page.Locator(".admin-host-row[data-host-name='bulk-01199']").WaitForAsync().WithTimeout();
        Assert.True(await page.Locator("#admin-hosts-more").IsHiddenAsync().WithTimeout());
    }

    [Fact]
    public async Task AdminHostRows_At1400Pixels_KeepEveryButtonInsideTheTable_AndTheNameOnOneLine()
    {
        var admin = await _server.LoginAsync().WithTimeout();
        var pin = "SHA256:" + Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray()).TrimEnd('=');
        await ImportAsync(admin, [$"a-rather-long-host-name-for-the-admin-table-01,10.8.0.1,deploy,{pin}", "web-1,10.8.0.2,deploy,"]);
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/admin/hosts").WithTimeout();
        await page.Locator(".admin-host-row").Nth(1).WaitForAsync().WithTimeout();
        await _browser.ScreenshotAsync("admin-hosts-1400");

        var table = await page.Locator("#admin-hosts-table").Locator("xpath=..").BoundingBoxAsync().WithTimeout();
        Assert.NotNull(table);
        var buttons = page.Locator(".admin-host-row .actions .button");
        Assert.Equal(8, await buttons.CountAsync().WithTimeout());
        for (var i = 0; i < 8; i++)
        {
            var box = await buttons.Nth(i).BoundingBoxAsync().WithTimeout();
            Assert.NotNull(box);
            Assert.True(box.X >= table.X && box.X + box.Width <= table.X + table.Width + 0.5 && box.X + box.Width <= Width,
                $"row button {i} ({await buttons.Nth(i).TextContentAsync().WithTimeout()}) at x={box.X}, width={box.Width} is outside the table (x={table.X}, width={table.Width})");
        }

        // Buttons side by side do not touch.
        var first = await buttons.Nth(0).BoundingBoxAsync().WithTimeout();
        var second = await buttons.Nth(1).BoundingBoxAsync().WithTimeout();
        Assert.True(second!.X - (first!.X + first.Width) >= 2, "Test connection and Scan key touch");

        // The long name stays on one line: its cell is one line of text high.
        var nameLines = await page.EvalOnSelectorAllAsync<double[]>(
            ".admin-host-row .admin-host-name", "tds => tds.map(td => { const r = document.createRange(); r.selectNodeContents(td.firstChild); return r.getClientRects().length; })").WithTimeout();
        Assert.All(nameLines, lines => Assert.Equal(1, lines));
    }

    [Fact]
    public async Task LightTheme_ReachesTheTableHeaders()
    {
        var admin = await _server.LoginAsync().WithTimeout();
        await ImportAsync(admin, ["light-1,10.7.0.1,deploy,"]);
        var (status, _) = await _server.SendAsync(HttpMethod.Put, "/api/me/settings", admin, new { theme = "light" }).WithTimeout();
        Assert.Equal(200, status);
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.Locator("html[data-theme='light'] .host-row[data-host-name='light-1']").WaitForAsync().WithTimeout();
        await _browser.ScreenshotAsync("hosts-light");

        foreach (var (path, selector) in new[] { ("#/hosts", "#hosts-table th"), ("#/admin/hosts", "#admin-hosts-table th") })
        {
            await page.GotoAsync(_server.BaseUri + path).WithTimeout();
            await page.Locator(selector).First.WaitForAsync().WithTimeout();
            var background = await page.EvalOnSelectorAsync<string>(selector, "th => getComputedStyle(th).backgroundColor").WithTimeout();
            Assert.True(Luminance(background) > 0.7, $"{selector} has the background {background} in the light theme");
        }
    }

    private async Task ImportAsync(string admin, IEnumerable<string> lines)
    {
        var csv = new StringBuilder("name,address,username,hostKeyFingerprint\n");
        foreach (var line in lines)
        {
            csv.Append(line).Append('\n');
        }

        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/hosts/import/csv", admin, new { text = csv.ToString() }).WithTimeout();
        Assert.True(status == 200, $"import: {status} {body}");
    }

    /// <summary>The relative luminance (0 black .. 1 white) of a computed <c>rgb(r, g, b)</c> colour, ignoring alpha.</summary>
    private static double Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(', StringComparison.Ordinal) + 1)..rgb.IndexOf(')', StringComparison.Ordinal)].Split(',');
        var channels = parts.Take(3).Select(p => double.Parse(p.Trim(), CultureInfo.InvariantCulture) / 255).ToArray();
        return (0.2126 * channels[0]) + (0.7152 * channels[1]) + (0.0722 * channels[2]);
    }
}

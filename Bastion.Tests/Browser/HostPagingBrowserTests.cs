using System.Text;
using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// The host lists ask the server a page at a time (issue 14): with more hosts than a page, an operator's hosts page,
/// the quick connect palette and the tab strip's picker, and the admin's Grants host picker each find, by typing, a
/// host that is not on the first page (before, each loaded every host and listed the first ones only).
/// </summary>
public sealed class HostPagingBrowserTests : IAsyncLifetime
{
    private const int Count = 1200;
    private const string Late = "paging-01187";
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync(), 1400, 900);
        _admin = await _server.LoginAsync().WithTimeout();
        var csv = new StringBuilder("name,address,username,groups\n");
        for (var i = 0; i < Count; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"paging-{i:D5},10.6.{i / 256}.{i % 256},deploy,paging\n");
        }

        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/hosts/import/csv", _admin, new { text = csv.ToString() }).WithTimeout();
        Assert.True(status == 200, $"import: {status} {body}");
    }

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task AnOperator_FindsAHostBeyondTheFirstPage_OnTheHostsPage_InQuickConnect_AndInTheTabPicker()
    {
        var userName = HostSpec.UniqueName("pager");
        var (userId, _) = await _server.CreateUserAsync(_admin, userName, ["operator"]).WithTimeout();
        await _server.GrantAsync(_admin, new { userId, hostGroup = "paging" }).WithTimeout();
        await _browser.LoginAsync(_server.BaseUri, userName, AdminApi.UserPassword);
        var page = _browser.Page;

        await page.Locator("#hosts-more:not([hidden])").WaitForAsync().WithTimeout();
        Assert.Equal("Showing 100 of 1,200 hosts", await page.TextContentAsync("#hosts-more").WithTimeout());
        Assert.Equal(0, await page.Locator($".host-row[data-host-name='{Late}']").CountAsync().WithTimeout());
        await page.FillAsync("#hosts-filter", Late).WithTimeout();
        await page.Locator($".host-row[data-host-name='{Late}']").WaitForAsync().WithTimeout();
        Assert.Equal(1, await page.Locator(".host-row").CountAsync().WithTimeout());

        await page.Keyboard.PressAsync("Control+k").WithTimeout();
        await page.Locator("#quick-connect-listed:not([hidden])").WaitForAsync().WithTimeout();
        Assert.Equal(0, await page.Locator($"#quick-connect [role='option'][data-host-name='{Late}']").CountAsync().WithTimeout());
        await page.Keyboard.TypeAsync("01187").WithTimeout();
        await page.Locator($"#quick-connect [role='option'][data-host-name='{Late}']").WaitForAsync().WithTimeout();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#quick-connect-list [role=option]').length === 1").WithTimeout();
        await _browser.ScreenshotAsync("quick-connect-beyond-first-page");
        await page.Keyboard.PressAsync("Escape").WithTimeout();

        await page.GotoAsync(_server.BaseUri + "#/terminal").WithTimeout();
        await page.ClickAsync("#workspace-add").WithTimeout();
        await page.Locator("#workspace-picker-more:not([hidden])").WaitForAsync().WithTimeout();
        await page.FillAsync("#workspace-picker-filter", Late).WithTimeout();
        await page.Locator($"#workspace-picker .workspace-pick[data-host-name='{Late}']").WaitForAsync().WithTimeout();
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheGrantsHostPicker_FindsAHostBeyondTheFirstPage_AndGrantsIt()
    {
        var userName = HostSpec.UniqueName("granted");
        await _server.CreateUserAsync(_admin, userName, ["operator"]).WithTimeout();
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/admin/grants").WithTimeout();
        await page.ClickAsync("#grant-add:not([disabled])").WithTimeout();
        await page.Locator("#grant-host-listed:not([hidden])").WaitForAsync().WithTimeout();
        Assert.Equal("Showing 100 of 1,200 hosts", await page.TextContentAsync("#grant-host-listed").WithTimeout());
        Assert.Equal(0, await page.Locator($"#grant-hostId option:text-is('{Late}')").CountAsync().WithTimeout());

        await page.FillAsync("#grant-hostSearch", Late).WithTimeout();
        await page.SelectOptionAsync("#grant-hostId", new SelectOptionValue { Label = Late }).WithTimeout();
        await page.SelectOptionAsync("#grant-userId", new SelectOptionValue { Label = userName }).WithTimeout();
        await page.ClickAsync("#grant-save").WithTimeout();

        await page.Locator($".grant-row:has-text('{Late}')").WaitForAsync().WithTimeout();
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheGrantsTable_NamesTheHostOfEveryGrant_WithHundredsOfPerHostGrants()
    {
        // 250 per-host grants: their host ids in one query string (~10 KB) were past Kestrel's 8 KB request line, and
        // the table never came up.
        const int grants = 250;
        var userName = HostSpec.UniqueName("many");
        var (userId, _) = await _server.CreateUserAsync(_admin, userName, ["operator"]).WithTimeout();
        var (status, hosts) = await _server.SendAsync(HttpMethod.Get, $"/api/hosts?all=1&limit={grants}&q=paging-", _admin).WithTimeout();
        Assert.Equal(200, status);
        var ids = hosts.EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToList();
        Assert.Equal(grants, ids.Count);
        foreach (var hostId in ids)
        {
            await _server.GrantAsync(_admin, new { userId, hostId }).WithTimeout();
        }

        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/admin/grants").WithTimeout();
        var named = $"() => [...document.querySelectorAll('.grant-row')].filter(r => r.textContent.includes('{userName}') && r.textContent.includes('paging-')).length === {grants}";
        await page.WaitForFunctionAsync(named).WithTimeout();
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }
}

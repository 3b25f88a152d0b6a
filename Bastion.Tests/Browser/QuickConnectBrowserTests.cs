using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// Quick connect and favourites in headless Chromium against a real sshd (issue 14): Ctrl+K opens the palette, typing
/// filters by label, Enter opens a terminal tab on that host; a starred host is listed first after a fresh login, in
/// the hosts list, in the palette and in the tab strip's "+" picker.
/// </summary>
public sealed class QuickConnectBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task CtrlK_OpensThePalette_TypingFiltersByLabel_EnterOpensATerminalOnThatHost()
    {
        var (userName, hostIds) = await OperatorWithHostsAsync(("qc-alpha", "web"), ("qc-bravo", "db"), ("qc-charlie", "web"));
        await _browser.LoginAsync(_server.BaseUri, userName, AdminApi.UserPassword);
        var page = _browser.Page;
        await page.Locator(".host-row[data-host-name='qc-charlie']").WaitForAsync().WithTimeout();

        await page.Keyboard.PressAsync("Control+k").WithTimeout();
        await page.Locator("#quick-connect [role='dialog']").WaitForAsync().WithTimeout();
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.id === 'quick-connect-input'").WithTimeout());
        // The palette lists the hosts once it has them: wait for all three rather than count at the first frame.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#quick-connect-list [role=option]').length === 3").WithTimeout();

        await page.Keyboard.TypeAsync("role=db").WithTimeout();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#quick-connect-list [role=option]').length === 1").WithTimeout();
        Assert.Equal("qc-bravo", await page.Locator("#quick-connect-list [role='option'][aria-selected='true']").GetAttributeAsync("data-host-name").WithTimeout());
        await _browser.ScreenshotAsync("quick-connect-filtered");
        await page.Keyboard.PressAsync("Enter").WithTimeout();

        await page.Locator(".workspace-tab[data-selected='true'][data-host-name='qc-bravo'][data-state='connected']").WaitForAsync().WithTimeout();
        Assert.True(await page.Locator("#quick-connect").IsHiddenAsync().WithTimeout());

        // Esc closes it and gives the focus back; arrows move the selection.
        await page.ClickAsync("#terminal-back").WithTimeout();
        await page.Locator("#hosts-filter").FocusAsync().WithTimeout();
        await page.Keyboard.PressAsync("Control+k").WithTimeout();
        await page.Locator("#quick-connect [role='option'][data-host-name='qc-alpha']").WaitForAsync().WithTimeout();
        Assert.Equal("recent", await page.Locator("#quick-connect [role='option']").First.GetAttributeAsync("data-section").WithTimeout());
        await page.Keyboard.PressAsync("ArrowDown").WithTimeout();
        Assert.Equal("quick-connect-option-1", await page.GetAttributeAsync("#quick-connect-input", "aria-activedescendant").WithTimeout());
        await page.Keyboard.PressAsync("Escape").WithTimeout();
        Assert.True(await page.Locator("#quick-connect").IsHiddenAsync().WithTimeout());
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.id === 'hosts-filter'").WithTimeout());
        Assert.Contains(hostIds[1], await page.Locator(".host-row").First.GetAttributeAsync("data-host-id").WithTimeout() ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStarredHost_IsListedFirst_AfterAFreshLogin_InThePalette_AndInTheTabStripsPicker()
    {
        var (userName, _) = await OperatorWithHostsAsync(("fav-alpha", "web"), ("fav-bravo", "web"), ("fav-zulu", "web"));
        await _browser.LoginAsync(_server.BaseUri, userName, AdminApi.UserPassword);
        var page = _browser.Page;
        await page.Locator(".host-row[data-host-name='fav-zulu']").WaitForAsync().WithTimeout();
        Assert.Equal("fav-alpha", await page.Locator(".host-row").First.GetAttributeAsync("data-host-name").WithTimeout());

        await page.ClickAsync(".host-row[data-host-name='fav-zulu'] .host-star").WithTimeout();
        await page.Locator(".host-row[data-host-name='fav-zulu'][data-favourite='true']").WaitForAsync().WithTimeout();
        await WaitForFavouriteSavedAsync(userName);

        await using var again = await BrowserSession.LaunchAsync();
        await again.LoginAsync(_server.BaseUri, userName, AdminApi.UserPassword);
        var second = again.Page;
        await second.Locator(".host-row[data-host-name='fav-alpha']").WaitForAsync().WithTimeout();
        Assert.Equal("favourites", await second.Locator(".host-section").First.GetAttributeAsync("data-section").WithTimeout());
        Assert.Equal("fav-zulu", await second.Locator(".host-row").First.GetAttributeAsync("data-host-name").WithTimeout());
        Assert.Equal("true", await second.Locator(".host-row").First.Locator(".host-star").GetAttributeAsync("aria-pressed").WithTimeout());

        // Keyboard: ↓ from the filter enters the list, ↓ again moves to the next row.
        await second.Locator("#hosts-filter").FocusAsync().WithTimeout();
        await second.Keyboard.PressAsync("ArrowDown").WithTimeout();
        await second.Keyboard.PressAsync("ArrowDown").WithTimeout();
        Assert.Equal("fav-alpha", await second.EvaluateAsync<string>("() => document.activeElement?.closest('.host-row')?.dataset.hostName ?? ''").WithTimeout());

        await second.Keyboard.PressAsync("Meta+k").WithTimeout();
        await second.Locator("#quick-connect [role='option'][data-host-name='fav-alpha']").WaitForAsync().WithTimeout();
        var first = second.Locator("#quick-connect [role='option']").First;
        Assert.Equal("fav-zulu", await first.GetAttributeAsync("data-host-name").WithTimeout());
        Assert.Equal("favourites", await first.GetAttributeAsync("data-section").WithTimeout());
        await again.ScreenshotAsync("favourites-first");

        // The tab strip's "+" lists them in the same order, filters the same way and opens with Enter.
        await second.Keyboard.PressAsync("Enter").WithTimeout();
        await second.Locator(".workspace-tab[data-selected='true'][data-host-name='fav-zulu'][data-state='connected']").WaitForAsync().WithTimeout();
        await second.ClickAsync("#workspace-add").WithTimeout();
        await second.Locator("#workspace-picker .workspace-pick[data-host-name='fav-alpha']").WaitForAsync().WithTimeout();
        Assert.Equal(["favourites", "all"], await second.EvalOnSelectorAllAsync<string[]>("#workspace-picker .workspace-pick-group", "els => els.map(e => e.dataset.section)").WithTimeout());
        Assert.Equal(["fav-zulu", "fav-alpha", "fav-bravo"], await second.EvalOnSelectorAllAsync<string[]>("#workspace-picker .workspace-pick", "els => els.map(e => e.dataset.hostName)").WithTimeout());
        Assert.Equal("fav-zulu", await second.Locator("#workspace-picker .workspace-pick.active").GetAttributeAsync("data-host-name").WithTimeout());
        await again.ScreenshotAsync("picker-favourites-first");
        await second.Keyboard.TypeAsync("role=web").WithTimeout();
        await second.Keyboard.PressAsync("ArrowDown").WithTimeout();
        await second.Keyboard.PressAsync("ArrowDown").WithTimeout();
        Assert.Equal("fav-bravo", await second.Locator("#workspace-picker .workspace-pick.active").GetAttributeAsync("data-host-name").WithTimeout());
        await second.Keyboard.PressAsync("Enter").WithTimeout();
        await second.Locator(".workspace-tab[data-selected='true'][data-host-name='fav-bravo'][data-state='connected']").WaitForAsync().WithTimeout();
        Assert.True(await second.Locator("#workspace-picker").IsHiddenAsync().WithTimeout());
    }

    private async Task WaitForFavouriteSavedAsync(string userName)
    {
        var token = await _server.LoginAsync(userName, AdminApi.UserPassword).WithTimeout();
        await Poll.UntilAsync(async () =>
        {
            var (_, body) = await _server.SendAsync(HttpMethod.Get, "/api/me/favourites", token);
            return body.GetProperty("favourites").GetArrayLength() == 1;
        }, "the favourite to be saved").WithTimeout();
    }

    private async Task<(string UserName, List<string> HostIds)> OperatorWithHostsAsync(params (string Name, string Role)[] hosts)
    {
        var admin = await _server.LoginAsync().WithTimeout();
        var userName = HostSpec.UniqueName("op");
        var (userId, _) = await _server.CreateUserAsync(admin, userName, ["operator"]).WithTimeout();
        var ids = new List<string>();
        foreach (var (name, role) in hosts)
        {
            var id = await _server.CreateHostAsync(admin, HostSpec.For(sshd.Server, name) with { Labels = new Dictionary<string, string> { ["role"] = role } }).WithTimeout();
            await _server.GrantAsync(admin, new { userId, hostId = id }).WithTimeout();
            ids.Add(id);
        }

        return (userName, ids);
    }
}

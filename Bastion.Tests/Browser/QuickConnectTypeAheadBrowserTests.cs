using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// Enter pressed right after typing, before the debounced server search has answered, opens the typed host, in the
/// Ctrl+K palette and in the tab strip's "+" picker: the lists still showed the previous, unfiltered rows then, and
/// Enter opened the first of those (another host) in a terminal. Headless Chromium, real sshd.
/// </summary>
public sealed class QuickConnectTypeAheadBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task TypingAndPressingEnterAtOnce_OpensTheTypedHost_InThePaletteAndThePicker()
    {
        var userName = await OperatorWithHostsAsync("ta-app-1", "ta-app-2", "ta-db-6", "ta-db-7");
        await _browser.LoginAsync(_server.BaseUri, userName, AdminApi.UserPassword);
        var page = _browser.Page;
        await page.Locator(".host-row[data-host-name='ta-db-7']").WaitForAsync().WithTimeout();

        await page.Keyboard.PressAsync("Control+k").WithTimeout();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#quick-connect-list [role=option]').length === 4").WithTimeout();
        await page.Keyboard.TypeAsync("ta-db-7").WithTimeout();
        await page.Keyboard.PressAsync("Enter").WithTimeout();

        var tab = page.Locator(".workspace-tab[data-selected='true'][data-state='connected']");
        await tab.WaitForAsync().WithTimeout();
        Assert.Equal("ta-db-7", await tab.GetAttributeAsync("data-host-name").WithTimeout());

        await page.ClickAsync("#workspace-add").WithTimeout();
        await page.Locator("#workspace-picker .workspace-pick[data-host-name='ta-app-1']").WaitForAsync().WithTimeout();
        await page.Keyboard.TypeAsync("ta-db-6").WithTimeout();
        await page.Keyboard.PressAsync("Enter").WithTimeout();

        await page.Locator(".workspace-tab[data-selected='true'][data-state='connected'][data-host-name='ta-db-6']").WaitForAsync().WithTimeout();
        Assert.Equal(2, await page.Locator(".workspace-tab").CountAsync().WithTimeout());
        Assert.Equal(0, await page.Locator(".workspace-tab[data-host-name^='ta-app']").CountAsync().WithTimeout());
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    private async Task<string> OperatorWithHostsAsync(params string[] names)
    {
        var admin = await _server.LoginAsync().WithTimeout();
        var userName = HostSpec.UniqueName("op");
        var (userId, _) = await _server.CreateUserAsync(admin, userName, ["operator"]).WithTimeout();
        foreach (var name in names)
        {
            var id = await _server.CreateHostAsync(admin, HostSpec.For(sshd.Server, name)).WithTimeout();
            await _server.GrantAsync(admin, new { userId, hostId = id }).WithTimeout();
        }

        return userName;
    }
}

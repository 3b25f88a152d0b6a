using Bastion.Testing;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>The real client in headless Chromium against the real service and a real sshd.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class TerminalBrowserTests(BastionFixture bastion) : IAsyncLifetime
{
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task User_LogsIn_OpensATerminal_TypesACommand_AndSeesItsOutput()
    {
        var hostName = BastionFixture.Unique("web-sshd");
        await bastion.AddHostAsync(hostName);
        var page = _browser.Page;

        await _browser.LoginAsync(bastion.Server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.ClickAsync($".host-row[data-host-name='{hostName}'] .host-open").WithTimeout();
        await page.WaitForSelectorAsync("#terminal-status[data-state='connected']").WithTimeout();

        await page.ClickAsync("#terminal").WithTimeout();
        await page.Keyboard.TypeAsync("echo browser-$((20+22))").WithTimeout();
        await page.Keyboard.PressAsync("Enter").WithTimeout();

        // The text as the browser rendered it: xterm's buffer, not just what arrived on the socket.
        await page.WaitForFunctionAsync(
            "() => { const b = window.bastionTerminal.buffer.active; for (let i = 0; i < b.length; i++) { if ((b.getLine(i)?.translateToString(true) ?? '') === 'browser-42') return true; } return false; }",
            null, new PageWaitForFunctionOptions { Timeout = (float)TestTimeouts.Default.TotalMilliseconds }).WithTimeout();
        await _browser.ScreenshotAsync("terminal-command");
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Terminal_ShowsConnectionClosed_WhenTheShellExits()
    {
        var hostName = BastionFixture.Unique("exit-sshd");
        await bastion.AddHostAsync(hostName);
        var page = _browser.Page;

        await _browser.LoginAsync(bastion.Server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.ClickAsync($".host-row[data-host-name='{hostName}'] .host-open").WithTimeout();
        await page.WaitForSelectorAsync("#terminal-status[data-state='connected']").WithTimeout();
        await page.ClickAsync("#terminal").WithTimeout();
        await page.Keyboard.TypeAsync("exit").WithTimeout();
        await page.Keyboard.PressAsync("Enter").WithTimeout();

        await page.WaitForSelectorAsync("#terminal-status[data-state='closed']").WithTimeout();
        Assert.Equal("connection closed", (await page.TextContentAsync("#terminal-status").WithTimeout())?.Trim());
    }
}

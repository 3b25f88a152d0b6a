using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>No silent watching, in Chromium: an operator's terminal tab shows who else is attached to its session and
/// writes a notice into the terminal when a watcher joins and when it leaves. The watcher is an admin on a real
/// WebSocket (<c>mode=watch</c>); real sshd, Kestrel and browser.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class ParticipantsBrowserTests(BastionFixture bastion) : IAsyncLifetime
{
    private const string BufferContains =
        """
        (text) => {
          const b = window.bastionTerminal?.buffer.active;
          if (!b) return false;
          const lines = [];
          for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
          return lines.join('\n').includes(text);
        }
        """;

    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task OwnersTab_ShowsTheWatcher_AndNoticesItsJoinAndLeave()
    {
        var hostName = BastionFixture.Unique("watched");
        var hostId = await bastion.AddHostAsync(hostName);
        var (ownerId, ownerName, _) = await bastion.AddUserAsync(["operator"]);
        await bastion.GrantAsync(ownerId, hostId);
        var page = _browser.Page;

        await _browser.LoginAsync(bastion.Server.BaseUri, ownerName, AdminApi.UserPassword);
        await page.ClickAsync($".host-row[data-host-name='{hostName}'] .host-open").WithTimeout();
        var tab = page.Locator($".workspace-tab[data-selected='true'][data-host-name='{hostName}'][data-state='connected']");
        await tab.WaitForAsync().WithTimeout();
        var sessionId = await tab.GetAttributeAsync("data-session-id").WithTimeout();
        Assert.False(string.IsNullOrEmpty(sessionId));
        // Alone in the session: nothing is listed (the owner is not shown to themself).
        Assert.False(await page.Locator("#terminal-participants").IsVisibleAsync().WithTimeout());
        Assert.Equal("0", await page.Locator("#terminal-participants").GetAttributeAsync("data-count").WithTimeout());

        var (status, json) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", bastion.AdminToken, new { sessionId, mode = "watch" });
        Assert.Equal(200, status);
        var ticket = json.GetProperty("ticket").GetString()!;
        var watcher = await TerminalClient.ConnectAsync(
            bastion.Server.WebSocketUri($"/ws/sessions/{sessionId}?mode=watch&ticket={Uri.EscapeDataString(ticket)}"));
        await using (watcher)
        {
            await watcher.WaitForAsync(w => w.Ready, "the watcher's ready");
            var shown = page.Locator("#terminal-participants[data-count='1'][data-users='admin']");
            await shown.WaitForAsync().WithTimeout();
            Assert.Equal("watching: admin", (await shown.TextContentAsync().WithTimeout())?.Trim());
            await page.WaitForFunctionAsync(BufferContains, "[bastion] admin is now watching this session").WithTimeout();
            await _browser.ScreenshotAsync("participants-watched");
        }

        await page.Locator("#terminal-participants[data-count='0']").WaitForAsync(new() { State = WaitForSelectorState.Attached }).WithTimeout();
        Assert.False(await page.Locator("#terminal-participants").IsVisibleAsync().WithTimeout());
        await page.WaitForFunctionAsync(BufferContains, "[bastion] admin stopped watching this session").WithTimeout();
        // The notices are the page's own text: the shell never saw them (the session is still the operator's, live).
        Assert.Equal("connected", await page.Locator("#terminal-status").GetAttributeAsync("data-state").WithTimeout());
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    /// <summary>A limit's warning (its own server with a seconds-long idle timeout) shows on the tab until the user types.</summary>
    [Fact]
    public async Task IdleWarning_ShowsOnTheTab_UntilTheUserTypes()
    {
        await using var server = await BastionServer.StartAsync(new Dictionary<string, string>
        {
            ["Terminal:IdleTimeout"] = "00:00:08",
            ["Terminal:LimitWarning"] = "00:00:04",
        });
        var token = await server.LoginAsync();
        var hostName = BastionFixture.Unique("idle");
        await server.AddHostAsync(token, bastion.Sshd, name: hostName);
        var page = _browser.Page;

        await _browser.LoginAsync(server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.ClickAsync($".host-row[data-host-name='{hostName}'] .host-open").WithTimeout();
        await page.Locator($".workspace-tab[data-selected='true'][data-host-name='{hostName}'][data-state='connected']").WaitForAsync().WithTimeout();
        Assert.False(await page.Locator("#terminal-warning").IsVisibleAsync().WithTimeout());

        var warning = page.Locator("#terminal-warning[data-code='idle_timeout_soon']");
        await warning.WaitForAsync().WithTimeout();
        Assert.False(string.IsNullOrWhiteSpace(await warning.TextContentAsync().WithTimeout()));
        await _browser.ScreenshotAsync("participants-idle-warning");

        await page.ClickAsync("#terminal").WithTimeout();
        await page.Keyboard.TypeAsync("echo still-$((6*7))").WithTimeout();
        await page.Keyboard.PressAsync("Enter").WithTimeout();
        await page.Locator("#terminal-warning").WaitForAsync(new() { State = WaitForSelectorState.Hidden }).WithTimeout();
        await page.WaitForFunctionAsync(BufferContains, "still-42").WithTimeout();
        Assert.Equal("", await page.Locator("#terminal-warning").GetAttributeAsync("data-code").WithTimeout());
    }
}

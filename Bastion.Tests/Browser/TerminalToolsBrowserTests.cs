using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// The terminal tools of issue 14 in headless Chromium against a real sshd: search in the scrollback, settings that
/// follow the user across sign-ins, links that open only for http and https, and the recorded indicator.
/// </summary>
public sealed class TerminalToolsBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private const string ActiveTerminal = "window.bastionTerminal";
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task Search_FindsTextInTheScrollback_AndScrollsToIt()
    {
        var page = await OpenHostAsync("search-host");
        // The addons of issue 14 are loaded: unicode 11 widths, and a renderer (WebGL, or the DOM where there is none).
        Assert.Equal("11", await page.EvaluateAsync<string>($"() => {ActiveTerminal}.unicode.activeVersion").WithTimeout());
        Assert.Contains(await page.EvaluateAsync<string>("() => document.querySelector(\".workspace-pane[data-active='true']\")?.dataset.renderer ?? ''").WithTimeout(),
            new[] { "webgl", "dom" });
        // The marker is computed by the shell, so only the output line holds it; 200 lines follow it off the screen.
        await TypeLineAsync(page, "seq 1 300; echo needle-XYZ-$((6*7)); seq 1 200");
        await WaitForLineAsync(page, "needle-XYZ-42");
        await page.WaitForFunctionAsync($"() => {{ const b = {ActiveTerminal}.buffer.active; return b.getLine(b.cursorY + b.baseY - 1)?.translateToString(true).trim() === '200'; }}").WithTimeout();
        Assert.True(await page.EvaluateAsync<bool>($"() => {ActiveTerminal}.buffer.active.viewportY === {ActiveTerminal}.buffer.active.baseY").WithTimeout());

        await page.Keyboard.PressAsync("Control+Shift+F").WithTimeout();
        var bar = page.Locator(".workspace-pane[data-active='true'] .terminal-search");
        await bar.WaitForAsync().WithTimeout();
        await bar.Locator(".terminal-search-input").FillAsync("NEEDLE-xyz-42").WithTimeout();
        await bar.Locator(".terminal-search-input").PressAsync("Enter").WithTimeout();
        await page.WaitForFunctionAsync($"() => {ActiveTerminal}.getSelection() === 'needle-XYZ-42'").WithTimeout();
        Assert.True(await page.EvaluateAsync<bool>($"() => {ActiveTerminal}.buffer.active.viewportY < {ActiveTerminal}.buffer.active.baseY").WithTimeout());
        await page.WaitForFunctionAsync("() => document.querySelector(\".workspace-pane[data-active='true'] .terminal-search-count\")?.textContent === '1 of 1'").WithTimeout();

        // Case-sensitive: the upper-case query no longer matches the lower-case output.
        await bar.Locator(".terminal-search-toggle[data-option='case']").ClickAsync().WithTimeout();
        await page.WaitForFunctionAsync("() => document.querySelector(\".workspace-pane[data-active='true'] .terminal-search-count\")?.textContent === 'No matches'").WithTimeout();

        // A regular expression finds it again, with the case as written.
        await bar.Locator(".terminal-search-toggle[data-option='regex']").ClickAsync().WithTimeout();
        await bar.Locator(".terminal-search-input").FillAsync("needle-[A-Z]+-4\\d").WithTimeout();
        await bar.Locator(".terminal-search-input").PressAsync("Enter").WithTimeout();
        await page.WaitForFunctionAsync($"() => {ActiveTerminal}.getSelection() === 'needle-XYZ-42'").WithTimeout();
        await _browser.ScreenshotAsync("terminal-search");
    }

    [Fact]
    public async Task ThemeAndFontSettings_ApplyLive_AndPersistAcrossLogins()
    {
        var page = await OpenHostAsync("settings-host");
        await page.ClickAsync("#workspace-settings").WithTimeout();
        await page.SelectOptionAsync("#setting-theme", "light").WithTimeout();
        await page.FillAsync("#setting-font-size", "20").WithTimeout();
        await page.FillAsync("#setting-font-family", "\"DejaVu Sans Mono\", monospace").WithTimeout();
        await page.Locator("#settings-status[data-state='saved']").WaitForAsync().WithTimeout();
        await page.ClickAsync("#settings-done").WithTimeout();
        await AssertSettingsAppliedAsync(page);

        // Log out: the next user of this browser gets the defaults; logging in again brings the settings back.
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.ClickAsync("#terminal-back").WithTimeout();
        await page.ClickAsync("#logout").WithTimeout();
        await page.WaitForURLAsync("**/#/login").WithTimeout();
        Assert.Equal("dark", await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme").WithTimeout());

        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.ClickAsync(".host-row[data-host-name='settings-host'] .host-open").WithTimeout();
        await page.Locator(".workspace-tab[data-selected='true'][data-state='connected']").WaitForAsync().WithTimeout();
        await page.WaitForFunctionAsync($"() => {ActiveTerminal}.options.fontSize === 20").WithTimeout();
        await AssertSettingsAppliedAsync(page);
        await _browser.ScreenshotAsync("terminal-settings-light");
    }

    [Fact]
    public async Task WebLinks_OpenOnlyHttpAndHttps_WithoutAnOpener()
    {
        var page = await OpenHostAsync("links-host");
        await page.EvaluateAsync("() => { window.openedLinks = []; window.open = (...args) => { window.openedLinks.push(args); return null; }; }").WithTimeout();
        await TypeLineAsync(page, "clear; printf 'go %s %s %s\\n' ftp://example.invalid/no javascript:alert%s https://example.invalid/ok");
        await WaitForLineAsync(page, "go ftp://example.invalid/no javascript:alert%s https://example.invalid/ok");

        await ClickTextAsync(page, "go ftp://", "ftp://", waitForLink: false);
        await ClickTextAsync(page, "go ftp://", "javascript:", waitForLink: false);
        await ClickTextAsync(page, "go ftp://", "https://", waitForLink: true);

        await page.WaitForFunctionAsync("() => window.openedLinks.length > 0").WithTimeout();
        var opened = await page.EvaluateAsync<string[][]>("() => window.openedLinks").WithTimeout();
        Assert.Equal([["https://example.invalid/ok", "_blank", "noopener,noreferrer"]], opened);
    }

    [Fact]
    public async Task RecordedIndicator_ShowsOnEverySession_AndSaysSoWhenKeystrokesAreRecorded()
    {
        var page = await OpenHostAsync("plain-host");
        var recorded = page.Locator("#terminal-recorded[data-recording='output']");
        await recorded.WaitForAsync().WithTimeout();
        Assert.Equal("Recorded", (await recorded.TextContentAsync().WithTimeout())?.Trim());

        var token = await _server.LoginAsync();
        var keys = await _server.AddHostAsync(token, sshd.Server, name: "keys-host");
        await _server.SetRecordInputAsync(keys, true);
        await page.ClickAsync("#workspace-add").WithTimeout();
        await page.ClickAsync(".workspace-pick[data-host-name='keys-host']").WithTimeout();
        await page.Locator(".workspace-tab[data-selected='true'][data-host-name='keys-host'][data-state='connected']").WaitForAsync().WithTimeout();
        var keystrokes = page.Locator("#terminal-recorded[data-recording='input']");
        await keystrokes.WaitForAsync().WithTimeout();
        Assert.Contains("keystrokes recorded", (await keystrokes.TextContentAsync().WithTimeout()) ?? "", StringComparison.Ordinal);
        await _browser.ScreenshotAsync("terminal-recorded");
    }

    private static async Task AssertSettingsAppliedAsync(IPage page)
    {
        Assert.Equal(20, await page.EvaluateAsync<int>($"() => {ActiveTerminal}.options.fontSize").WithTimeout());
        Assert.Equal("\"DejaVu Sans Mono\", monospace", await page.EvaluateAsync<string>($"() => {ActiveTerminal}.options.fontFamily").WithTimeout());
        Assert.Equal("#fbfcfe", await page.EvaluateAsync<string>($"() => {ActiveTerminal}.options.theme.background").WithTimeout());
        Assert.Equal("light", await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme").WithTimeout());
        // The whole page, not only the terminal.
        Assert.Equal("rgb(245, 247, 250)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor").WithTimeout());
    }

    private async Task<IPage> OpenHostAsync(string name)
    {
        var token = await _server.LoginAsync();
        await _server.AddHostAsync(token, sshd.Server, name: name);
        var page = _browser.Page;
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.ClickAsync($".host-row[data-host-name='{name}'] .host-open").WithTimeout();
        await page.Locator($".workspace-tab[data-selected='true'][data-host-name='{name}'][data-state='connected']").WaitForAsync().WithTimeout();
        return page;
    }

    private static async Task TypeLineAsync(IPage page, string line)
    {
        await page.ClickAsync(".workspace-pane[data-active='true'] .xterm-screen").WithTimeout();
        await page.Keyboard.TypeAsync(line).WithTimeout();
        await page.Keyboard.PressAsync("Enter").WithTimeout();
    }

    /// <summary>Waits for a buffer line that is exactly <paramref name="text"/> (output, not the echoed command).</summary>
    private static async Task WaitForLineAsync(IPage page, string text) => await page.WaitForFunctionAsync(
        $$"""
        (text) => {
          const b = {{ActiveTerminal}}.buffer.active;
          for (let i = 0; i < b.length; i++) {
            if ((b.getLine(i)?.translateToString(true) ?? '').trim() === text) return true;
          }
          return false;
        }
        """, text, new PageWaitForFunctionOptions { Timeout = (float)TestTimeouts.Default.TotalMilliseconds }).WithTimeout();

    /// <summary>Hovers and clicks the cell where <paramref name="part"/> starts, on the last line that starts with
    /// <paramref name="lineStart"/>; with <paramref name="waitForLink"/>, waits for the link pointer before the click.</summary>
    private static async Task ClickTextAsync(IPage page, string lineStart, string part, bool waitForLink)
    {
        var point = await page.EvaluateAsync<double[]>(
            $$"""
            ([lineStart, part]) => {
              const term = {{ActiveTerminal}};
              const b = term.buffer.active;
              for (let i = b.length - 1; i >= 0; i--) {
                const text = b.getLine(i)?.translateToString(true) ?? '';
                if (text.startsWith(lineStart)) {
                  const screen = document.querySelector(".workspace-pane[data-active='true'] .xterm-screen").getBoundingClientRect();
                  const w = screen.width / term.cols, h = screen.height / term.rows;
                  return [screen.left + (text.indexOf(part) + 1.5) * w, screen.top + (i - b.viewportY + 0.5) * h];
                }
              }
              return null;
            }
            """, new[] { lineStart, part }).WithTimeout();
        Assert.NotNull(point);
        await page.Mouse.MoveAsync((float)point[0] - 30, (float)point[1] + 40).WithTimeout();
        await page.Mouse.MoveAsync((float)point[0], (float)point[1], new MouseMoveOptions { Steps = 3 }).WithTimeout();
        if (waitForLink)
        {
            await page.Locator(".workspace-pane[data-active='true'] .xterm-cursor-pointer").WaitForAsync().WithTimeout();
        }

        await page.Mouse.DownAsync().WithTimeout();
        await page.Mouse.UpAsync().WithTimeout();
    }
}

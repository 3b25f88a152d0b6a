using System.Text.RegularExpressions;
using Bastion.Core.Audit;
using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// The terminal workspace in headless Chromium: several hosts as tabs of one page, kept alive across tab switches,
/// the language switch, in-app navigation and (with sessions that outlive their socket) a page reload.
/// </summary>
public sealed partial class WorkspaceBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;
    private int _marker;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task TwoHostsAsTabs_KeepTheirShells_AcrossTabSwitchLanguageSwitchAndNavigation()
    {
        var page = await OpenTwoTabsAsync("ws-a", "ws-b");
        var pidB = await ShellPidAsync(page);
        await SelectTabAsync(page, "ws-a");
        var pidA = await ShellPidAsync(page);
        Assert.NotEqual(pidA, pidB);

        // The language switch re-renders the chrome in place: both shells are the same ones afterwards.
        await page.SelectOptionAsync("#language-switch", "zh-CN").WithTimeout();
        await page.Locator("#terminal-status[data-state='connected']").WaitForAsync().WithTimeout();
        Assert.Equal("已连接", (await page.Locator("#terminal-status").TextContentAsync().WithTimeout())?.Trim());
        Assert.Equal(pidA, await ShellPidAsync(page));
        await page.SelectOptionAsync("#language-switch", "en").WithTimeout();
        Assert.Equal("connected", (await page.Locator("#terminal-status").TextContentAsync().WithTimeout())?.Trim());

        // Hosts and back through the top bar: navigation inside the app does not end a session either.
        await page.ClickAsync("#terminal-back").WithTimeout();
        await page.Locator(".host-row[data-host-name='ws-a']").WaitForAsync().WithTimeout();
        await page.ClickAsync("#nav-terminals").WithTimeout();
        await page.Locator("#terminal-status[data-state='connected']").WaitForAsync().WithTimeout();
        Assert.Equal(pidA, await ShellPidAsync(page));

        // The Sessions page lists both as the user's running sessions; "attach" on one this page holds shows its tab.
        var sessionB = await page.Locator(".workspace-tab[data-host-name='ws-b']").GetAttributeAsync("data-session-id").WithTimeout();
        Assert.False(string.IsNullOrEmpty(sessionB));
        await page.ClickAsync("#workspace-sessions").WithTimeout();
        await page.WaitForFunctionAsync("() => document.querySelectorAll(\".my-session-row[data-held='true']\").length === 2").WithTimeout();
        await page.ClickAsync($".my-session-row[data-session-id='{sessionB}'] .my-session-attach").WithTimeout();
        await page.Locator(".workspace-tab[data-selected='true'][data-host-name='ws-b'][data-state='connected']").WaitForAsync().WithTimeout();
        Assert.Equal(pidB, await ShellPidAsync(page));

        Assert.Equal(2, await page.Locator(".workspace-tab[data-state='connected']").CountAsync().WithTimeout());
        await _browser.ScreenshotAsync("workspace-two-tabs");
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClosingALiveTab_AsksFirst_EndSessionClosesTheShell_AndLeavingThePageAsksFirst()
    {
        var page = await OpenTwoTabsAsync("close-a", "close-b");
        var sessionB = await page.Locator(".workspace-tab[data-host-name='close-b']").GetAttributeAsync("data-session-id").WithTimeout();

        await page.ClickAsync(".workspace-tab[data-host-name='close-b'] .workspace-tab-close").WithTimeout();
        await page.Locator("#tab-close-dialog").WaitForAsync().WithTimeout();
        await page.ClickAsync("#tab-close-cancel").WithTimeout();
        Assert.Equal(2, await page.Locator(".workspace-tab").CountAsync().WithTimeout());

        await page.ClickAsync(".workspace-tab[data-host-name='close-b'] .workspace-tab-close").WithTimeout();
        await page.ClickAsync("#tab-close-end").WithTimeout();
        await page.Locator(".workspace-tab[data-host-name='close-b']").WaitForAsync(new() { State = WaitForSelectorState.Detached }).WithTimeout();
        await page.Locator(".workspace-tab[data-selected='true'][data-host-name='close-a'][data-state='connected']").WaitForAsync().WithTimeout();
        await _server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionB, "session.ended");

        // close-a is still live: navigating away from the app asks first (the browser's own beforeunload dialog).
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            _ = dialog.AcceptAsync();
        };
        await page.GotoAsync("about:blank").WithTimeout();
        Assert.Equal(["beforeunload"], dialogs);
    }

    /// <summary>
    /// Needs sessions that outlive their socket (attach by session id): same shells after a reload; a tab closed with
    /// "keep running" is listed as detached on the Sessions page and "attach" brings back the same shell.
    /// </summary>
    [Fact]
    public async Task Reload_ReattachesEveryTab_ToTheSameShell_AfterAskingFirst()
    {
        var page = await OpenTwoTabsAsync("reload-a", "reload-b");
        var pidB = await ShellPidAsync(page);
        var lineB = $"m{_marker}-{pidB}";
        await SelectTabAsync(page, "reload-a");
        var pidA = await ShellPidAsync(page);
        var lineA = $"m{_marker}-{pidA}";

        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            _ = dialog.AcceptAsync();
        };
        await page.ReloadAsync().WithTimeout();

        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll(\".workspace-tab[data-state='connected']\").length === 2").WithTimeout();
        Assert.Contains("beforeunload", dialogs);
        Assert.Equal("reload-a", (await page.Locator("#terminal-host").TextContentAsync().WithTimeout())?.Trim());

        // With their screens: what each shell printed before the reload is on it again before anything is typed.
        await WaitForLineAsync(page, lineA);
        Assert.Equal(pidA, await ShellPidAsync(page));
        await SelectTabAsync(page, "reload-b");
        await WaitForLineAsync(page, lineB);
        Assert.Equal(pidB, await ShellPidAsync(page));

        var sessionB = await page.Locator(".workspace-tab[data-host-name='reload-b']").GetAttributeAsync("data-session-id").WithTimeout();
        await page.ClickAsync(".workspace-tab[data-host-name='reload-b'] .workspace-tab-close").WithTimeout();
        await page.ClickAsync("#tab-close-detach").WithTimeout();
        await page.Locator(".workspace-tab[data-host-name='reload-b']").WaitForAsync(new() { State = WaitForSelectorState.Detached }).WithTimeout();
        await page.ClickAsync("#workspace-sessions").WithTimeout();
        await page.Locator($".my-session-row[data-session-id='{sessionB}'][data-detached='true']").WaitForAsync().WithTimeout();
        await page.ClickAsync($".my-session-row[data-session-id='{sessionB}'] .my-session-attach").WithTimeout();
        await page.Locator(".workspace-tab[data-selected='true'][data-host-name='reload-b'][data-state='connected']").WaitForAsync().WithTimeout();
        Assert.Equal(pidB, await ShellPidAsync(page));

        // "End" on the Sessions page (confirmed) ends it for good: the tab says so and stops.
        await page.ClickAsync("#workspace-sessions").WithTimeout();
        await page.ClickAsync($".my-session-row[data-session-id='{sessionB}'] .my-session-end").WithTimeout();
        await page.Locator($".my-session-row[data-session-id='{sessionB}']").WaitForAsync(new() { State = WaitForSelectorState.Detached }).WithTimeout();
        await _server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionB, "session.ended");
        Assert.Contains("confirm", dialogs);
    }

    /// <summary>An administrator's kill reaches the tab in its own words: "ended by an administrator", never "server
    /// stopping", and the tab does not try to reconnect.</summary>
    [Fact]
    public async Task AdminKill_TheTabSaysEndedByAnAdministrator()
    {
        var page = await OpenTwoTabsAsync("kill-a", "kill-b");
        var sessionB = await page.Locator(".workspace-tab[data-host-name='kill-b']").GetAttributeAsync("data-session-id").WithTimeout();

        var token = await _server.LoginAsync();
        Assert.Equal(204, (await _server.SendAsync(HttpMethod.Post, $"/api/sessions/{sessionB}/kill", token)).Status);

        await page.Locator("#terminal-detail[data-code='session_killed']").WaitForAsync().WithTimeout();
        var detail = (await page.Locator("#terminal-detail").TextContentAsync().WithTimeout()) ?? "";
        Assert.Contains("ended by an administrator", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("stopping", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("closed", await page.Locator("#terminal-status").GetAttributeAsync("data-state").WithTimeout());
        await _server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionB && e.Data("reason") == "killed", "session.ended");
    }

    /// <summary>Signs in, opens the first host from the host list and the second through the workspace's "+".</summary>
    private async Task<IPage> OpenTwoTabsAsync(string first, string second)
    {
        var token = await _server.LoginAsync();
        await _server.AddHostAsync(token, sshd.Server, name: first);
        await _server.AddHostAsync(token, sshd.Server, name: second);
        var page = _browser.Page;
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);

        await page.ClickAsync($".host-row[data-host-name='{first}'] .host-open").WithTimeout();
        await page.Locator($".workspace-tab[data-selected='true'][data-host-name='{first}'][data-state='connected']").WaitForAsync().WithTimeout();
        await page.ClickAsync("#workspace-add").WithTimeout();
        await page.ClickAsync($".workspace-pick[data-host-name='{second}']").WithTimeout();
        await page.Locator($".workspace-tab[data-selected='true'][data-host-name='{second}'][data-state='connected']").WaitForAsync().WithTimeout();
        Assert.Equal(2, await page.Locator(".workspace-tab").CountAsync().WithTimeout());
        return page;
    }

    private static async Task SelectTabAsync(IPage page, string hostName)
    {
        await page.ClickAsync($".workspace-tab[data-host-name='{hostName}'] .workspace-tab-select").WithTimeout();
        await page.Locator($".workspace-tab[data-selected='true'][data-host-name='{hostName}'][data-state='connected']").WaitForAsync().WithTimeout();
        Assert.Equal(hostName, (await page.Locator("#terminal-host").TextContentAsync().WithTimeout())?.Trim());
    }

    /// <summary>Types <c>echo m-N-$$</c> into the visible terminal and reads the shell's pid back from xterm's buffer.</summary>
    private async Task<string> ShellPidAsync(IPage page)
    {
        var marker = $"m{++_marker}";
        await page.ClickAsync("#terminal").WithTimeout();
        await page.Keyboard.TypeAsync($"echo {marker}-$$").WithTimeout();
        await page.Keyboard.PressAsync("Enter").WithTimeout();
        var handle = await page.WaitForFunctionAsync(
            """
            (marker) => {
              const b = window.bastionTerminal.buffer.active;
              for (let i = b.length - 1; i >= 0; i--) {
                const m = new RegExp('^' + marker + '-(\\d+)$').exec((b.getLine(i)?.translateToString(true) ?? '').trim());
                if (m) return m[1];
              }
              return null;
            }
            """,
            marker, new PageWaitForFunctionOptions { Timeout = (float)TestTimeouts.Default.TotalMilliseconds }).WithTimeout();
        var pid = await handle.JsonValueAsync<string>().WithTimeout();
        Assert.Matches(PidPattern(), pid);
        return pid;
    }

    /// <summary>Waits until the visible terminal's buffer holds <paramref name="line"/> as a whole line.</summary>
    private static async Task WaitForLineAsync(IPage page, string line) =>
        await page.WaitForFunctionAsync(
            """
            (line) => {
              const b = window.bastionTerminal.buffer.active;
              for (let i = 0; i < b.length; i++) {
                if ((b.getLine(i)?.translateToString(true) ?? '').trim() === line) return true;
              }
              return false;
            }
            """,
            line, new PageWaitForFunctionOptions { Timeout = (float)TestTimeouts.Default.TotalMilliseconds }).WithTimeout();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex PidPattern();
}

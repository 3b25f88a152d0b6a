using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>What the server says about a session, in the page's language (issue 14), in Chromium against a real sshd
/// and Kestrel: a refusal's values (the session limit) worded in zh-CN in the terminal, a limit warning worded in
/// zh-CN in the status bar and not written into the terminal's text, a connection failure's values in zh-CN.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class TerminalNoticesBrowserTests(BastionFixture bastion) : IAsyncLifetime
{
    private const string BufferText =
        """
        () => {
          const b = window.bastionTerminal?.buffer.active;
          if (!b) return '';
          const lines = [];
          for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
          return lines.join('\n');
        }
        """;

    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync(1400, 900);

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    private async Task WaitForBufferAsync(string text) =>
        await _browser.Page.WaitForFunctionAsync($"(t) => ({BufferText})().includes(t)", text).WithTimeout();

    [Fact]
    public async Task InChinese_TheSessionLimitNamesTheLimit_AndTheIdleWarningIsInTheStatusBar_NotInTheTerminal()
    {
        await using var server = await BastionServer.StartAsync(new Dictionary<string, string>
        {
            ["Terminal:MaxSessionsPerUser"] = "1",
            ["Terminal:IdleTimeout"] = "00:00:10",
            ["Terminal:LimitWarning"] = "00:00:05",
            ["Terminal:DetachedGrace"] = "00:00:00",
        });
        var token = await server.LoginAsync();
        var hostName = BastionFixture.Unique("notices");
        var hostId = await server.AddHostAsync(token, bastion.Sshd, name: hostName);
        var page = _browser.Page;

        // 1. The one allowed session is held elsewhere: the page's is refused, and says so with the limit, in Chinese.
        var held = await server.OpenTerminalAsync(token, hostId);
        await _browser.LoginAsync(server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.SelectOptionAsync("#language-switch", "zh-CN").WithTimeout();
        await page.ClickAsync($".host-row[data-host-name='{hostName}'] .host-open").WithTimeout();
        await page.Locator($".workspace-tab[data-selected='true'][data-host-name='{hostName}'][data-state='closed']").WaitForAsync().WithTimeout();
        await WaitForBufferAsync("上限为 1");
        var refused = await page.EvaluateAsync<string>(BufferText).WithTimeout();
        Assert.Contains("已拒绝：你已有 1 个运行中的会话", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("you already have", refused, StringComparison.Ordinal);
        await _browser.ScreenshotAsync("terminal-refused-zh-CN");

        // 2. The held session ends; Reconnect opens the page's own, which is warned before its idle timeout.
        var heldId = held.SessionId;
        await held.DisposeAsync();
        await server.WaitForEventAsync(e => e.Type == Bastion.Core.Audit.AuditEventTypes.SessionEnded && e.SessionId == heldId, "the held session's end");
        await page.ClickAsync("#terminal-reconnect").WithTimeout();
        await page.Locator($".workspace-tab[data-selected='true'][data-host-name='{hostName}'][data-state='connected']").WaitForAsync().WithTimeout();
        await page.ClickAsync("#terminal").WithTimeout();
        await page.Keyboard.TypeAsync("echo ready-$((6*7))").WithTimeout();
        await page.Keyboard.PressAsync("Enter").WithTimeout();
        await WaitForBufferAsync("ready-42");

        var warning = page.Locator("#terminal-warning[data-code='idle_timeout_soon']");
        await warning.WaitForAsync().WithTimeout();
        var words = await warning.TextContentAsync().WithTimeout();
        Assert.Matches(@"^一段时间内无人输入：除非有人输入，此会话将在 \d+ 秒后结束$", words);
        var box = await warning.BoundingBoxAsync().WithTimeout();
        var bar = await page.Locator(".statusbar").BoundingBoxAsync().WithTimeout();
        Assert.True(box is not null && bar is not null && box.Y >= bar.Y && box.Y + box.Height <= bar.Y + bar.Height + 1 && box.X + box.Width <= 1400,
            $"the warning at {box?.X},{box?.Y} {box?.Width}×{box?.Height} is not inside the status bar at {bar?.Y} {bar?.Height} high");
        await _browser.ScreenshotAsync("terminal-idle-warning-zh-CN");

        // The warning went out as a frame only: typing shows output after where a line would have been, and no line.
        await page.Keyboard.TypeAsync("echo after-$((6*8))").WithTimeout();
        await page.Keyboard.PressAsync("Enter").WithTimeout();
        await WaitForBufferAsync("after-48");
        var text = await page.EvaluateAsync<string>(BufferText).WithTimeout();
        Assert.DoesNotContain("[bastion]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody has typed", text, StringComparison.Ordinal);
        await page.Locator("#terminal-warning").WaitForAsync(new() { State = WaitForSelectorState.Hidden }).WithTimeout();
    }

    [Fact]
    public async Task InChinese_AConnectionFailureNamesTheHostAndPort()
    {
        var hostName = BastionFixture.Unique("refused-port");
        var port = FreePort.Get();
        await bastion.AddHostAsync(bastion.Host(hostName) with { Port = port });
        var page = _browser.Page;

        await _browser.LoginAsync(bastion.Server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.SelectOptionAsync("#language-switch", "zh-CN").WithTimeout();
        await page.ClickAsync($".host-row[data-host-name='{hostName}'] .host-open").WithTimeout();
        await page.Locator($".workspace-tab[data-selected='true'][data-host-name='{hostName}'][data-state='closed']").WaitForAsync().WithTimeout();
        await WaitForBufferAsync($"无法连接 {hostName}");
        var text = await page.EvaluateAsync<string>(BufferText).WithTimeout();
        Assert.Contains($":{port}）：连接被拒绝", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot reach", text, StringComparison.Ordinal);
        await _browser.ScreenshotAsync("terminal-unreachable-zh-CN");
    }
}

using Bastion.Core.Audit;

namespace Bastion.Tests.Audit;

/// <summary>An auditor in a real Chromium: filters the audit log, opens a session from it and replays it.</summary>
public sealed class ReviewPagesBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    // A deployment of its own: the page must show exactly one session start.
    private BastionFixture _bastion = null!;
    private BrowserSession _browser = null!;

    private BastionServer Server => _bastion.Server;

    public async Task InitializeAsync() =>
        (_bastion, _browser) = await BrowserDeployment.StartAsync(() => BastionFixture.StartAsync(sshd.Server));

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _bastion);

    [Fact]
    public async Task Auditor_FiltersTheLog_OpensTheSession_AndThePlayerShowsItsText()
    {
        // 1. An operator-style session by admin, recorded.
        var hostId = await _bastion.AddHostAsync("web-1");
        string sessionId;
        await using (var terminal = await _bastion.OpenTerminalAsync(hostId, query: "cols=80&rows=24"))
        {
            await terminal.SendInputAsync("echo player-$((7*6))\r");
            await terminal.WaitForOutputAsync("player-42\r\n");
            sessionId = terminal.SessionId!;
            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
        }

        await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        await Server.CreateUserAsync("aud", "auditor-password-1", "auditor");

        // 2. The auditor signs in and filters the log down to that session's start.
        var page = _browser.Page;
        await _browser.LoginAsync(Server.BaseUri, "aud", "auditor-password-1");

        // The session list words the end reason (it showed the code, host_closed, in either language).
        await page.ClickAsync("#nav-sessions").WithTimeout();
        var reason = page.Locator($".session-row[data-session-id='{sessionId}'] .session-end-reason");
        await reason.WaitForAsync().WithTimeout();
        Assert.Equal("the shell exited", await reason.TextContentAsync().WithTimeout());

        // Search recordings: its controls sit inside the panel's padding (they were flush against its border), and
        // its date fields look like the other fields of the form (they kept the browser's own grey box).
        var panel = await page.Locator("#recording-search").BoundingBoxAsync().WithTimeout();
        foreach (var field in new[] { "#search-q", "#search-to", "#search-apply" })
        {
            var box = await page.Locator(field).BoundingBoxAsync().WithTimeout();
            Assert.True(panel is not null && box is not null && box.X >= panel.X + 8 && box.X + box.Width <= panel.X + panel.Width - 8,
                $"{field} at x={box?.X} (width {box?.Width}) is not inside the padding of the panel at x={panel?.X} (width {panel?.Width})");
        }

        Assert.Equal(
            await page.EvalOnSelectorAsync<string>("#search-user", "e => getComputedStyle(e).backgroundColor").WithTimeout(),
            await page.EvalOnSelectorAsync<string>("#search-from", "e => getComputedStyle(e).backgroundColor").WithTimeout());

        await page.ClickAsync("#nav-audit").WithTimeout();
        await page.WaitForSelectorAsync(".audit-row").WithTimeout();

        await page.SelectOptionAsync("#audit-type", AuditEventTypes.SessionStarted).WithTimeout();
        await page.FillAsync("#audit-user", "admin").WithTimeout();
        await page.ClickAsync("#audit-apply").WithTimeout();
        await page.WaitForFunctionAsync(
            "() => { const rows = [...document.querySelectorAll('.audit-row')]; return rows.length === 1 && rows[0].dataset.type === 'session.started'; }").WithTimeout();

        await _browser.ScreenshotAsync("audit-log");

        // 3. From the row to the player; it renders what the session printed.
        await page.ClickAsync(".audit-row .audit-session").WithTimeout();
        await page.WaitForSelectorAsync("#player-commands .command-item").WithTimeout();
        var commandText = await page.InnerTextAsync("#player-commands").WithTimeout();
        Assert.Contains("echo player-$((7*6))", commandText);
        await page.WaitForFunctionAsync("() => window.bastionPlayer !== undefined").WithTimeout();
        await page.EvaluateAsync("() => window.bastionPlayer.play()").WithTimeout();
        await page.WaitForFunctionAsync("() => document.querySelector('#player').innerText.includes('player-42')").WithTimeout();

        await _browser.ScreenshotAsync("player");
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal));
        Assert.Contains(sessionId[..8], await page.InnerTextAsync("h1").WithTimeout());
    }
}

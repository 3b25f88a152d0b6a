using Bastion.Core.Audit;

namespace Bastion.Tests.Search;

/// <summary>An auditor in a real Chromium searches the recordings and opens the player at the hit.</summary>
public sealed class RecordingSearchBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionFixture _bastion = null!;
    private BrowserSession _browser = null!;

    private BastionServer Server => _bastion.Server;

    public async Task InitializeAsync() =>
        (_bastion, _browser) = await BrowserDeployment.StartAsync(() => BastionFixture.StartAsync(sshd.Server, new Dictionary<string, string> { ["Search:SweepInterval"] = "00:00:01" }));

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _bastion);

    [Fact]
    public async Task Auditor_SearchesRecordings_AndTheHitOpensThePlayerAtThatSecond()
    {
        // 1. A session that prints the marker a few seconds in (no pause longer than the player's idle limit).
        var hostId = await _bastion.AddHostAsync(BastionFixture.Unique("web"));
        string sessionId;
        await using (var terminal = await _bastion.OpenTerminalAsync(hostId, query: "cols=80&rows=24"))
        {
            await terminal.SendInputAsync("for i in 1 2 3 4; do echo wait-$i; sleep 1; done; echo found-$((40+2))-qx\r");
            await terminal.WaitForOutputAsync("found-42-qx\r\n");
            sessionId = terminal.SessionId!;
            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
        }

        await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        await Server.CreateUserAsync("aud", "auditor-password-1", "auditor");

        // 2. The auditor searches from the sessions page until the index has it.
        var page = _browser.Page;
        await _browser.LoginAsync(Server.BaseUri, "aud", "auditor-password-1");
        await page.ClickAsync("#nav-sessions").WithTimeout();
        await page.FillAsync("#search-q", "found-42-qx").WithTimeout();
        await Poll.UntilAsync(async () =>
        {
            await page.ClickAsync("#search-apply");
            await Task.Delay(500);
            return await page.Locator($".search-hit[data-session-id='{sessionId}']").CountAsync() == 1;
        }, "the hit on the sessions page");
        var hit = page.Locator(".search-hit").First;
        Assert.Equal("found-42-qx", await hit.Locator("mark").InnerTextAsync().WithTimeout());
        var offset = double.Parse((await hit.GetAttributeAsync("data-offset").WithTimeout())!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(offset > 3, $"the marker came after the waits, at {offset} s");
        await _browser.ScreenshotAsync("recording-search");

        // 3. The hit opens the player at that second: the marker is on the screen, the later output not yet.
        await hit.Locator("a.search-open").ClickAsync().WithTimeout();
        await page.WaitForURLAsync($"**/#/sessions/{sessionId}?t=*").WithTimeout();
        await page.WaitForFunctionAsync("() => window.bastionPlayer !== undefined").WithTimeout();
        await page.WaitForFunctionAsync(
            $"() => {{ const t = window.bastionPlayer.getCurrentTime(); return typeof t === 'number' && Math.abs(t - {offset.ToString(System.Globalization.CultureInfo.InvariantCulture)}) < 0.5; }}").WithTimeout();
        await page.WaitForFunctionAsync("() => document.querySelector('#player').innerText.includes('wait-3')").WithTimeout();
        await _browser.ScreenshotAsync("player-at-hit");
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }
}

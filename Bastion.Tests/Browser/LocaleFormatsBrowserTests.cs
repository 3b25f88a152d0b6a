using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// Dates, durations, counts and end reasons follow the language chosen in the page, not English or the browser's own
/// locale (issue 14), in Chromium: the sessions list (start, duration, end reason), the audit log (a grant's window,
/// a time inside an event's details) and the host list's count, in English and in 简体中文.
/// </summary>
public sealed class LocaleFormatsBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionFixture _bastion = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_bastion, _browser) = await BrowserDeployment.StartAsync(() => BastionFixture.StartAsync(sshd.Server), 1400, 900);

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _bastion);

    [Fact]
    public async Task SessionsAndAuditPages_ShowTimesDurationsAndReasons_InTheChosenLanguage()
    {
        var hostName = BastionFixture.Unique("locale");
        var hostId = await _bastion.AddHostAsync(hostName);
        var (userId, _, token) = await _bastion.AddUserAsync(["operator"], name: BastionFixture.Unique("locale"));
        await _bastion.GrantAsync(new { userId, hostId, notAfter = "2031-01-02T03:04:05Z" });
        await using (var terminal = await _bastion.OpenTerminalAsync(hostId, token))
        {
            await terminal.SendInputAsync("echo shown-$((6*7))\r");
            await terminal.WaitForOutputAsync("shown-42");
            await terminal.SendJsonAsync(new { flag = "end" });
            await terminal.WaitForCloseAsync();
        }

        await _bastion.Server.WaitForEventAsync(e => e.Type == "session.ended" && e.HostId == Guid.Parse(hostId), "session.ended");

        var page = _browser.Page;
        await _browser.LoginAsync(_bastion.Server.BaseUri, "admin", BastionServer.AdminPassword);

        // 1. English: the start as "Jan 2, 2031, …"-style text, the duration in s, the reason in words.
        await page.GotoAsync($"{_bastion.Server.BaseUri}#/sessions").WithTimeout();
        var row = page.Locator(".session-row", new() { HasText = hostName });
        await row.WaitForAsync().WithTimeout();
        var cells = row.Locator("td");
        Assert.Matches(@"^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M$", await cells.Nth(2).InnerTextAsync().WithTimeout());
        Assert.Matches(@"^\d+s$", await cells.Nth(3).InnerTextAsync().WithTimeout());
        Assert.Equal("ended by the user", await row.Locator(".session-end-reason").InnerTextAsync().WithTimeout());

        // 2. 简体中文: the same row in Chinese forms; the page is mounted again in the new language.
        await page.SelectOptionAsync("#language-switch", "zh-CN").WithTimeout();
        await Assertions.Expect(row.Locator(".session-end-reason")).ToHaveTextAsync("用户结束");
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$", await cells.Nth(2).InnerTextAsync().WithTimeout());
        Assert.Matches(@"^\d+ 秒$", await cells.Nth(3).InnerTextAsync().WithTimeout());

        // 3. The audit log: a row's time, and a time inside a grant's details (its window), in Chinese too.
        await page.GotoAsync($"{_bastion.Server.BaseUri}#/audit?host={hostName}").WithTimeout();
        var grant = page.Locator(".audit-row[data-type='grant.created']");
        await grant.WaitForAsync().WithTimeout();
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}$", await grant.Locator("td").First.InnerTextAsync().WithTimeout());
        var details = await grant.Locator(".audit-details").InnerTextAsync().WithTimeout();
        Assert.Contains("2031年1月", details, StringComparison.Ordinal);
        Assert.DoesNotContain("2031-01-02T", details, StringComparison.Ordinal);

        // 4. The host list's count in the chosen language's words.
        await page.GotoAsync($"{_bastion.Server.BaseUri}#/hosts").WithTimeout();
        await Assertions.Expect(page.Locator("#hosts-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ 台主机$"));
        await _browser.ScreenshotAsync("locale-formats-zh");
    }
}

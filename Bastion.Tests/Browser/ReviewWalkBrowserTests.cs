using Bastion.Core.Audit;
using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// What a second walk found, asserted in Chromium: the player's speed and pause selects are labelled fields as tall as
/// the language switch, and its command list has a line edited with Alt+B before Enter as it ran; a connection test that
/// meets an unpinned key names the key once, with its Dismiss button's edge under the text's; approving a pending key
/// says what happened; links and selects reached with Tab show the same 2 px ring as buttons.
/// </summary>
public sealed class ReviewWalkBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionFixture _bastion = null!;
    private BrowserSession _browser = null!;

    private BastionServer Server => _bastion.Server;

    public async Task InitializeAsync() =>
        (_bastion, _browser) = await BrowserDeployment.StartAsync(() => BastionFixture.StartAsync(sshd.Server));

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _bastion);

    [Fact]
    public async Task Player_ListsALineEditedBeforeEnter_AndDrawsItsSelectsAsLabelledFields()
    {
        var hostId = await _bastion.AddHostAsync(BastionFixture.Unique("edit"));
        string sessionId;
        await using (var terminal = await _bastion.OpenTerminalAsync(hostId, query: "cols=80&rows=24"))
        {
            // Alt+B (back one word), then X: the line that runs is "echo one Xtwo".
            await terminal.SendInputAsync("echo one two");
            await terminal.WaitForOutputAsync("echo one two");
            await terminal.SendInputAsync("\u001bb");
            await terminal.SendInputAsync("X\r");
            await terminal.WaitForOutputAsync("one Xtwo\r\n");
            sessionId = terminal.SessionId!;
            await terminal.SendInputAsync("exit\r");
            await terminal.WaitForCloseAsync();
        }

        await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == sessionId, "session.ended");
        await _browser.LoginAsync(Server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(Server.BaseUri + "#/sessions/" + sessionId).WithTimeout();
        await page.WaitForSelectorAsync("#player-commands .command-item").WithTimeout();
        var commands = await page.Locator("#player-commands .command-item code").AllInnerTextsAsync().WithTimeout();

        Assert.Contains(commands, c => c.EndsWith("echo one Xtwo", StringComparison.Ordinal));
        // Wrapped between words: the last word on one line (it was broken as "Xtw / o").
        var rects = await page.Locator("#player-commands .command-item code").Filter(new LocatorFilterOptions { HasText = "Xtwo" }).EvaluateAsync<int>(
            "c => { const t = c.firstChild; const at = t.textContent.lastIndexOf('Xtwo'); const r = document.createRange();"
            + " r.setStart(t, at); r.setEnd(t, at + 4); return r.getClientRects().length; }").WithTimeout();
        Assert.Equal(1, rects);

        // As tall as the page's other select, the language switch (they were the browser's small grey controls).
        var language = await BoxAsync(page, "#language-switch");
        foreach (var (select, label) in new[] { ("#player-speed", "Speed"), ("#player-idle", "Pauses") })
        {
            var box = await BoxAsync(page, select);
            Assert.InRange(box.Height, language.Height - 2, language.Height + 2);
            var labelBox = await BoxAsync(page, $".player-option:has({select}) > span");
            Assert.Equal(label, await page.Locator($".player-option:has({select}) > span").TextContentAsync().WithTimeout());
            Assert.True(labelBox.X + labelBox.Width <= box.X, $"{select}'s label ends at {labelBox.X + labelBox.Width}, the select starts at {box.X}");
            Assert.InRange(labelBox.Y + (labelBox.Height / 2), box.Y + (box.Height / 2) - 3, box.Y + (box.Height / 2) + 3);
        }

        await _browser.ScreenshotAsync("player-edited-command");
    }

    [Fact]
    public async Task AnUnpinnedKey_IsNamedOnce_DismissLinesUp_AndApprovingItSaysSo()
    {
        var id = await _bastion.AddHostAsync(_bastion.Host(BastionFixture.Unique("walk-unpinned")).Unpinned());
        await _browser.LoginAsync(Server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(Server.BaseUri + "#/admin/hosts").WithTimeout();
        await page.ClickAsync($".admin-host-row[data-host-id='{id}'] .host-test").WithTimeout();
        var panel = page.Locator($"#probe-result[data-host-id='{id}']");
        await panel.WaitForAsync().WithTimeout();

        var text = await panel.InnerTextAsync().WithTimeout();
        var fingerprint = sshd.Server.HostKeyFingerprint;
        Assert.Equal(1, CountOf(text, fingerprint));
        Assert.Equal(1, CountOf(text, "Pending keys"));
        Assert.Equal(fingerprint, await page.Locator("[data-step='hostKey'] #probe-offered").TextContentAsync().WithTimeout());
        var summary = await page.EvalOnSelectorAsync<double>(".probe-summary", TextLeft).WithTimeout();
        var dismiss = await BoxAsync(page, ".probe-dismiss");
        Assert.InRange(dismiss.X, summary - 1, summary + 1);
        await _browser.ScreenshotAsync("test-unpinned-once");

        await page.ClickAsync("#probe-review").WithTimeout();
        var row = page.Locator($".pending-key-row[data-host-id='{id}']");
        await row.Locator(".key-approve").ClickAsync().WithTimeout();
        await row.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached }).WithTimeout();
        var status = await page.Locator("#admin-status").TextContentAsync().WithTimeout() ?? "";
        Assert.Contains("Key approved", status, StringComparison.Ordinal);
        Assert.Contains(fingerprint, status, StringComparison.Ordinal);
        await _browser.ScreenshotAsync("pending-approved-said");
    }

    [Fact]
    public async Task LinksAndSelects_ReachedWithTab_ShowTheButtonsFocusRing()
    {
        await _browser.LoginAsync(Server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(Server.BaseUri + "#/admin/hosts").WithTimeout();
        await page.Locator("#tab-keys").WaitForAsync().WithTimeout();
        var seen = new Dictionary<string, string>();
        for (var i = 0; i < 40 && seen.Count < 3; i++)
        {
            await page.Keyboard.PressAsync("Tab").WithTimeout();
            var focused = await page.EvaluateAsync<string[]>(
                "() => { const e = document.activeElement; const s = getComputedStyle(e);"
                + " const kind = e.tagName === 'SELECT' ? 'select' : e.tagName === 'A' && !e.classList.contains('button') ? 'link' : e.tagName === 'BUTTON' ? 'button' : '';"
                + " return [kind, `${s.outlineStyle} ${s.outlineWidth}`, e.id || e.textContent]; }").WithTimeout();
            if (focused[0] != "" && !seen.ContainsKey(focused[0]))
            {
                seen[focused[0]] = focused[1] + " on " + focused[2];
                if (focused[0] == "select")
                {
                    await _browser.ScreenshotAsync("focus-language-switch");
                }
            }
        }

        Assert.Equal(["button", "link", "select"], seen.Keys.Order());
        Assert.All(seen, s => Assert.StartsWith("solid 2px", s.Value, StringComparison.Ordinal));
    }

    private const string TextLeft =
        "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getBoundingClientRect().left; }";

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(IPage page, string selector)
    {
        var box = await page.Locator(selector).First.BoundingBoxAsync().WithTimeout();
        Assert.NotNull(box);
        return box;
    }
}

using Bastion.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// Admin → Hosts "Test connection" and Admin → Pending keys in headless Chromium against a real sshd (issue 14): each
/// outcome the page shows is what sshd really did, and the pending keys table fits a 1400 px window.
/// </summary>
public sealed class HostAdminBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private const int Width = 1400;

    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync(), Width, 900);

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task TestConnection_ShowsWorks_KeyMismatch_LoginFailed_AndUnreachable()
    {
        var admin = await _server.LoginAsync().WithTimeout();
        var other = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var good = await _server.CreateHostAsync(admin, HostSpec.For(sshd.Server, "probe-good")).WithTimeout();
        var mismatch = await _server.CreateHostAsync(admin, HostSpec.For(sshd.Server, "probe-rekeyed").PinnedTo(other)).WithTimeout();
        var badLogin = await _server.CreateHostAsync(admin, HostSpec.For(sshd.Server, "probe-badlogin") with { Password = "not-the-password" }).WithTimeout();
        var closed = await _server.CreateHostAsync(admin, HostSpec.For(sshd.Server, "probe-closed") with { Port = FreePort.Get() }).WithTimeout();
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/admin/hosts").WithTimeout();

        var works = await TestAsync(page, good);
        Assert.Equal("true", await works.GetAttributeAsync("data-succeeded").WithTimeout());
        Assert.Contains("connection works", await works.TextContentAsync().WithTimeout(), StringComparison.Ordinal);
        Assert.Equal(3, await works.Locator(".probe-step[data-status='passed']").CountAsync().WithTimeout());
        // A finished test's panel is dismissed (it said Cancel, as if the test were still running).
        Assert.Equal("Dismiss", await works.Locator(".probe-dismiss").TextContentAsync().WithTimeout());

        var rekeyed = await TestAsync(page, mismatch);
        Assert.Contains("host key mismatch", await rekeyed.Locator("[data-step='hostKey']").TextContentAsync().WithTimeout(), StringComparison.Ordinal);
        Assert.Equal(sshd.Server.HostKeyFingerprint, await rekeyed.Locator("#probe-offered").TextContentAsync().WithTimeout());
        await _browser.ScreenshotAsync("test-connection-mismatch");

        var refused = await TestAsync(page, badLogin);
        Assert.Contains("login failed", await refused.Locator("[data-step='login']").TextContentAsync().WithTimeout(), StringComparison.Ordinal);
        Assert.Equal("passed", await refused.Locator("[data-step='hostKey']").GetAttributeAsync("data-status").WithTimeout());

        var unreachable = await TestAsync(page, closed);
        Assert.Contains("unreachable", await unreachable.Locator("[data-step='reach']").TextContentAsync().WithTimeout(), StringComparison.Ordinal);
        Assert.Contains("connection refused.", await unreachable.Locator("[data-step='reach'] .probe-message").TextContentAsync().WithTimeout(), StringComparison.Ordinal);
        Assert.Equal("skipped", await unreachable.Locator("[data-step='login']").GetAttributeAsync("data-status").WithTimeout());

        // The same result in Chinese: the step's words come from the client's table, not the server's English.
        await page.SelectOptionAsync("#language-switch", "zh-CN").WithTimeout();
        await page.Locator(".admin-host-row").First.WaitForAsync().WithTimeout();
        var chinese = await TestAsync(page, mismatch);
        var chineseKey = await chinese.Locator("[data-step='hostKey']").TextContentAsync().WithTimeout() ?? "";
        Assert.Contains("主机密钥不匹配", chineseKey, StringComparison.Ordinal);
        // ...and so do the lines under it: the two keys and what to do, without the English message.
        Assert.Contains($"主机提供的密钥： {sshd.Server.HostKeyFingerprint}", chineseKey, StringComparison.Ordinal);
        Assert.Contains($"固定的密钥： {other}", chineseKey, StringComparison.Ordinal);
        Assert.Contains("仅当主机密钥是有意更换时才重新固定。", chineseKey, StringComparison.Ordinal);
        Assert.DoesNotContain("host key mismatch for", chineseKey, StringComparison.Ordinal);
        var chineseClosed = await TestAsync(page, closed);
        var reach = await chineseClosed.Locator("[data-step='reach'] .probe-message").TextContentAsync().WithTimeout() ?? "";
        Assert.Contains("无法连接 probe-closed", reach, StringComparison.Ordinal);
        Assert.Contains("连接被拒绝", reach, StringComparison.Ordinal);
        await _browser.ScreenshotAsync("test-connection-zh-CN");
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PendingKeys_FitA1400PxWindow_WithTheirButtons_AndTheTabShowsTheCount()
    {
        var admin = await _server.LoginAsync().WithTimeout();
        var other = "SHA256:" + Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()).TrimEnd('=');
        foreach (var name in new[] { "a-rather-long-host-name-for-the-pending-keys-table-1", "rekeyed-host-with-a-long-name-2" })
        {
            var spec = HostSpec.For(sshd.Server, name) with { Address = "127.0.0.1", Description = "a host whose key waits for review" };
            var id = await _server.CreateHostAsync(admin, name.StartsWith("rekeyed", StringComparison.Ordinal) ? spec.PinnedTo(other) : spec.Unpinned()).WithTimeout();
            var (status, _) = await _server.SendAsync(HttpMethod.Post, $"/api/hosts/{id}/host-key/scan", admin).WithTimeout();
            Assert.Equal(200, status);
        }

        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        await page.GotoAsync(_server.BaseUri + "#/admin/hosts").WithTimeout();
        await page.Locator("#tab-keys-count:not([hidden])").WaitForAsync().WithTimeout();
        Assert.Equal("2", await page.TextContentAsync("#tab-keys-count").WithTimeout());

        await page.ClickAsync("#tab-keys").WithTimeout();
        await page.Locator(".pending-key-row").Nth(1).WaitForAsync().WithTimeout();
        var shot = await _browser.ScreenshotAsync("pending-keys-1400");
        Assert.True(File.Exists(shot));

        var buttons = page.Locator(".pending-key-row .key-approve, .pending-key-row .key-dismiss");
        Assert.Equal(4, await buttons.CountAsync().WithTimeout());
        for (var i = 0; i < 4; i++)
        {
            var box = await buttons.Nth(i).BoundingBoxAsync().WithTimeout();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= Width, $"button {i} at x={box.X}, width={box.Width} is outside the {Width} px window");
        }

        // A copy button per fingerprint (one row is re-keyed: two), inside the window too.
        var copies = page.Locator(".pending-key-row .copy-fingerprint");
        Assert.Equal(3, await copies.CountAsync().WithTimeout());
        for (var i = 0; i < 3; i++)
        {
            var box = await copies.Nth(i).BoundingBoxAsync().WithTimeout();
            Assert.True(box is not null && box.X + box.Width <= Width, $"copy button {i} is outside the window");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth").WithTimeout());
        Assert.Equal(sshd.Server.HostKeyFingerprint, await page.Locator(".pending-key-row .fingerprint").Last.GetAttributeAsync("title").WithTimeout());

        // Approving one lowers the count on the tab.
        await page.Locator(".pending-key-row .key-approve").First.ClickAsync().WithTimeout();
        await page.WaitForFunctionAsync("() => document.querySelector('#tab-keys-count')?.textContent === '1'").WithTimeout();
    }

    private static async Task<ILocator> TestAsync(IPage page, string hostId)
    {
        await page.ClickAsync($".admin-host-row[data-host-id='{hostId}'] .host-test").WithTimeout();
        var result = page.Locator($"#probe-result[data-host-id='{hostId}']");
        await result.WaitForAsync().WithTimeout();
        return result;
    }
}

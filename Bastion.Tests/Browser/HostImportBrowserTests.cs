using System.Text;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Browser;

/// <summary>
/// Admin → Hosts → Import in headless Chromium (issue 14), on a deployment of its own: the progress indicator follows
/// the server's stream (lines checked, then written), the report gives the counts first and each rejected line's
/// reason in the page's language from the server's code (English, then Chinese), and a long list of rejected lines
/// grows a page at a time; an import the database refuses after the stream began shows the stream's coded error
/// line in the page's language.
/// </summary>
public sealed class HostImportBrowserTests : IAsyncLifetime
{
    private BastionServer _server = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_server, _browser) = await BrowserDeployment.StartAsync(() => BastionServer.StartAsync());

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _server);

    [Fact]
    public async Task CsvImport_ShowsProgress_CountsAndLocalisedReasons_InEnglishAndChinese()
    {
        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(_server.BaseUri + "#/admin/hosts").WithTimeout();
        await page.ClickAsync(".import summary").WithTimeout();

        // 1. English: every status the progress line shows is kept, to see that the page read the server's progress.
        await page.EvaluateAsync("""
            () => {
              window.importStatuses = [];
              // Every status the page sets, as it sets it (a MutationObserver would miss some: Chromium changes a lone
              // text child in place, and a record read later sees only the latest text).
              const status = document.querySelector('#import-progress .import-status');
              const text = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent');
              Object.defineProperty(status, 'textContent', {
                get() { return text.get.call(this); },
                set(value) { window.importStatuses.push(value); text.set.call(this, value); },
              });
            }
            """).WithTimeout();
        var csv = new StringBuilder("name,address,port,username\n");
        for (var i = 0; i < 150; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"bad-{i},,22,deploy\n");
        }

        csv.Append("web-1,10.0.0.5,22,deploy\nweb-2,10.0.0.6,abc,deploy\nweb-1,10.0.0.7,22,deploy\n");
        await page.FillAsync("#import-text", csv.ToString()).WithTimeout();
        await page.ClickAsync("text=Import CSV").WithTimeout();
        await page.Locator("#import-result .import-summary").WaitForAsync().WithTimeout();

        Assert.Equal("Added 1, updated 0, unchanged 0, rejected 152.", await page.TextContentAsync("#import-result .import-summary").WithTimeout());
        var statuses = await page.EvaluateAsync<string[]>("() => window.importStatuses").WithTimeout();
        Assert.True(statuses.Contains("Checking lines: 0 of 153…") && statuses.Contains("Writing hosts: 153 of 153 lines…"), string.Join(" | ", statuses));
        var rows = page.Locator("#import-result .import-rejected-row");
        Assert.Equal(100, await rows.CountAsync().WithTimeout());
        Assert.Equal(
            "2bad-0address: a host name or IP address is required (no spaces)",
            await rows.First.TextContentAsync().WithTimeout());
        await page.ClickAsync("#import-result .import-rejected-more").WithTimeout();
        Assert.Equal(152, await rows.CountAsync().WithTimeout());
        Assert.True(await page.Locator("#import-result .import-rejected-more").IsHiddenAsync().WithTimeout());
        Assert.Equal("153web-2port: the port must be 1 to 65535, not “abc”", await rows.Nth(150).TextContentAsync().WithTimeout());
        Assert.Equal("154web-1the name web-1 is already on line 152", await rows.Nth(151).TextContentAsync().WithTimeout());

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#import-result .import-download")).WithTimeout();
        var report = await File.ReadAllTextAsync(await download.PathAsync().WithTimeout()).WithTimeout();
        Assert.Equal(154, report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // the header and every line
        Assert.Contains("\n153,web-2,rejected,\"port: the port must be 1 to 65535, not “abc”\"\n", report, StringComparison.Ordinal);

        // 2. Chinese: the same kind of report, words from the Chinese table.
        await page.SelectOptionAsync("#language-switch", "zh-CN").WithTimeout();
        await page.Locator(".admin-host-row[data-host-name='web-1']").WaitForAsync().WithTimeout();
        await page.ClickAsync(".import summary").WithTimeout();
        await page.FillAsync("#import-text", "name,address,username,charset\nweb-3,10.0.0.8,deploy,\nweb-4,10.0.0.9,deploy,klingon\nweb-1,10.0.0.5,deploy,\n").WithTimeout();
        await page.ClickAsync("text=导入 CSV").WithTimeout();
        await page.Locator("#import-result .import-summary").WaitForAsync().WithTimeout();

        Assert.Equal("新增 1，更新 0，未变 1，拒绝 1。", await page.TextContentAsync("#import-result .import-summary").WithTimeout());
        Assert.Equal(
            "3web-4charset：未知字符集“klingon”；请使用 utf-8、gbk、gb18030、big5、shift_jis 等编码名",
            await page.Locator("#import-result .import-rejected-row").First.TextContentAsync().WithTimeout());
        await _browser.ScreenshotAsync("host-import-zh-CN");
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CsvImport_ThatFailsAfterTheStreamBegan_ShowsTheErrorLine_InChinese()
    {
        // A real refusal by the database, late: a unique index on the address that the line checks know nothing of,
        // and a second batch (lines 1001 on) that repeats an address of the first.
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BastionDbContext>().Database
                .ExecuteSqlRawAsync("""CREATE UNIQUE INDEX "IX_Test_HostAddress" ON "Hosts" ("Address")""").WithTimeout();
        }

        var csv = new StringBuilder("name,address,username\n");
        for (var i = 0; i < 1500; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"late-{i},{(i == 1200 ? "10.8.0.0" : $"10.8.{i / 256}.{i % 256}")},deploy\n");
        }

        await _browser.LoginAsync(_server.BaseUri, "admin", BastionServer.AdminPassword);
        var page = _browser.Page;
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(_server.BaseUri + "#/admin/hosts").WithTimeout();
        await page.SelectOptionAsync("#language-switch", "zh-CN").WithTimeout();
        await page.ClickAsync(".import summary").WithTimeout();
        await page.FillAsync("#import-text", csv.ToString()).WithTimeout();
        await page.ClickAsync("text=导入 CSV").WithTimeout();
        var status = page.Locator("#admin-status.form-error");
        await status.WaitForAsync().WithTimeout();

        Assert.Equal("导入在服务器上中途失败（错误记录在服务器日志中）；重试前请刷新主机列表", await status.TextContentAsync().WithTimeout());
        Assert.True(await page.Locator("#import-result").IsHiddenAsync().WithTimeout());
        await _browser.ScreenshotAsync("host-import-failed-zh-CN");
    }
}

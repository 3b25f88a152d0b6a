using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>
/// The audit log page in Chromium, as an auditor uses it: filtering by a host's name or id prefix finds every event
/// about that host (its creation, a grant on it, its sessions), each row names the host and the user instead of ids,
/// details are labelled fields, the type list is the server's whole list, the filters live in the shareable address,
/// and types are shown in the page's language.
/// </summary>
public sealed class AuditPageBrowserTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionFixture _bastion = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() =>
        (_bastion, _browser) = await BrowserDeployment.StartAsync(() => BastionFixture.StartAsync(sshd.Server), 1400, 900);

    public Task DisposeAsync() => BrowserDeployment.StopAsync(_browser, _bastion);

    [Fact]
    public async Task HostNameAndIdPrefix_FindEveryEventAboutTheHost_WithNamesLabelsAndAShareableAddress()
    {
        var hostName = BastionFixture.Unique("audit-web");
        var hostId = await _bastion.AddHostAsync(hostName);
        var (userId, userName, token) = await _bastion.AddUserAsync(["operator"], name: BastionFixture.Unique("auditee"));
        await _bastion.GrantAsync(userId, hostId);
        await using (var terminal = await _bastion.OpenTerminalAsync(hostId, token))
        {
            await terminal.SendInputAsync("echo audited-$((2*21))\r");
            await terminal.WaitForOutputAsync("audited-42");
            await terminal.SendJsonAsync(new { flag = "end" });
            await terminal.WaitForCloseAsync();
        }

        await _bastion.Server.WaitForEventAsync(e => e.Type == "session.ended" && e.HostId == Guid.Parse(hostId), "session.ended");

        var page = _browser.Page;
        page.SetDefaultTimeout(15_000);
        await _browser.LoginAsync(_bastion.Server.BaseUri, "admin", BastionServer.AdminPassword);

        // 1. By name: the host's creation, the grant and the session's events, every row naming the host.
        await page.GotoAsync($"{_bastion.Server.BaseUri}#/audit?host={hostName}").WithTimeout();
        var expected = new[] { "host.created", "grant.created", "ticket.issued", "session.started", "session.ended" };
        await AssertRowsAsync(page, expected, hostName);
        Assert.Equal(hostName, await page.InputValueAsync("#audit-host").WithTimeout());

        // The grant names the user (resolved from its id), as a labelled field, not raw JSON with the id.
        var grant = page.Locator(".audit-row[data-type='grant.created'] .audit-details");
        var grantText = await grant.InnerTextAsync().WithTimeout();
        Assert.Contains(userName, grantText, StringComparison.Ordinal);
        Assert.DoesNotContain(userId, grantText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{", grantText, StringComparison.Ordinal);
        Assert.True(await grant.Locator("dt").CountAsync().WithTimeout() > 0, "details are labelled fields");

        // 2. By an id prefix: the same events.
        await page.GotoAsync($"{_bastion.Server.BaseUri}#/audit?host={hostId[..8]}").WithTimeout();
        await page.ReloadAsync().WithTimeout();
        await AssertRowsAsync(page, expected, hostName);

        // 3. The type list is the server's whole list (admin changes and logout included), grouped with "all" options.
        var options = await page.Locator("#audit-type option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)").WithTimeout();
        foreach (var type in new[] { "host.created", "grant.revoked", "user.created", "auth.logout", "session.ended", "host" })
        {
            Assert.Contains(type, options);
        }

        // 4. Applying filters writes them into the address: reloading it shows the same view.
        await page.FillAsync("#audit-host", "").WithTimeout();
        await page.FillAsync("#audit-user", userName).WithTimeout();
        await page.SelectOptionAsync("#audit-type", "session").WithTimeout();
        await page.ClickAsync("#audit-apply").WithTimeout();
        await page.WaitForFunctionAsync("() => location.hash.includes('type=session') && location.hash.includes('user=')").WithTimeout();
        await page.ReloadAsync().WithTimeout();
        await page.Locator(".audit-row[data-type='session.started']").First.WaitForAsync().WithTimeout();
        Assert.Equal(0, await page.Locator(".audit-row:not([data-type^='session.'])").CountAsync().WithTimeout());
        Assert.Equal(userName, await page.InputValueAsync("#audit-user").WithTimeout());

        // 5. In 简体中文 the types are shown in Chinese (the raw type stays in the title).
        await page.SelectOptionAsync("#language-switch", "zh-CN").WithTimeout();
        var started = page.Locator(".audit-row[data-type='session.started'] td").Nth(1);
        await Assertions.Expect(started).ToHaveTextAsync("会话开始");
        Assert.Equal("session.started", await started.GetAttributeAsync("title").WithTimeout());
    }

    private static async Task AssertRowsAsync(IPage page, string[] types, string hostName)
    {
        foreach (var type in types)
        {
            await page.Locator($".audit-row[data-type='{type}']").First.WaitForAsync().WithTimeout();
        }

        var hosts = await page.Locator(".audit-row .audit-host").AllInnerTextsAsync().WithTimeout();
        Assert.NotEmpty(hosts);
        Assert.All(hosts, h => Assert.Equal(hostName, h));
    }
}

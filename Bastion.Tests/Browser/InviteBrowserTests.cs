using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>The Sessions page in Chromium: the owner of a running session invites a user and revokes it (with the
/// confirmation); an admin gets "Watch" on running sessions, the owner does not.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class InviteBrowserTests(BastionFixture bastion) : IAsyncLifetime
{
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Owner_InvitesFromTheSessionsPage_ThenRevokes()
    {
        var hostId = await bastion.AddHostAsync();
        var (ownerId, ownerName, token) = await bastion.AddUserAsync(["operator"]);
        await bastion.GrantAsync(ownerId, hostId);
        var (_, bobName, _) = await bastion.AddUserAsync(["operator"]);
        await using var terminal = await bastion.OpenTerminalAsync(hostId, token);
        await terminal.WaitForAsync(t => t.Ready, "ready");
        var sessionId = terminal.SessionId!;
        var page = _browser.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();

        await _browser.LoginAsync(bastion.Server.BaseUri, ownerName, AdminApi.UserPassword);
        await page.GotoAsync(new Uri(bastion.Server.BaseUri, "/#/sessions").ToString()).WithTimeout();
        var row = page.Locator($".session-row[data-session-id='{sessionId}']");
        await row.Locator(".session-invite").ClickAsync().WithTimeout();
        Assert.Equal(0, await row.Locator(".session-watch").CountAsync().WithTimeout());

        await page.WaitForSelectorAsync($"#invite-panel[data-session-id='{sessionId}'] #invite-none").WithTimeout();
        await page.FillAsync("#invite-user", bobName).WithTimeout();
        await page.SelectOptionAsync("#invite-mode", "control").WithTimeout();
        await page.FillAsync("#invite-minutes", "10").WithTimeout();
        await page.ClickAsync("#invite-submit").WithTimeout();
        var invited = page.Locator(".invite-row[data-mode='control']");
        await invited.WaitForAsync().WithTimeout();
        Assert.Contains(bobName, await invited.InnerTextAsync().WithTimeout(), StringComparison.Ordinal);

        await page.FillAsync("#invite-user", BastionFixture.Unique("nobody")).WithTimeout();
        await page.ClickAsync("#invite-submit").WithTimeout();
        await page.WaitForSelectorAsync("#invite-error:not([hidden])").WithTimeout();

        await invited.Locator(".invite-revoke").ClickAsync().WithTimeout();
        await page.WaitForSelectorAsync("#invite-none").WithTimeout();
        var (_, list) = await bastion.Server.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}/invitations", token);
        Assert.Equal(0, list.GetArrayLength());
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_SeesWatch_OnRunningSessions_LinkingToTheReadOnlyViewer()
    {
        var hostId = await bastion.AddHostAsync();
        await using var terminal = await bastion.OpenTerminalAsync(hostId);
        await terminal.WaitForAsync(t => t.Ready, "ready");
        var page = _browser.Page;

        await _browser.LoginAsync(bastion.Server.BaseUri, "admin", BastionServer.AdminPassword);
        await page.GotoAsync(new Uri(bastion.Server.BaseUri, "/#/sessions").ToString()).WithTimeout();
        var watch = page.Locator($".session-row[data-session-id='{terminal.SessionId}'] .session-watch");
        await watch.WaitForAsync().WithTimeout();
        Assert.Equal($"#/watch/{terminal.SessionId}", await watch.GetAttributeAsync("href").WithTimeout());
        await watch.ClickAsync().WithTimeout();
        await page.WaitForSelectorAsync("#watch-terminal").WithTimeout();
        await page.WaitForSelectorAsync("#watch-status").WithTimeout();
        await _browser.ScreenshotAsync("watch-page");
        Assert.DoesNotContain(_browser.ConsoleLines, l => l.StartsWith("pageerror", StringComparison.Ordinal));
    }
}

using System.Security.Cryptography;
using Bastion.Core.Audit;
using Microsoft.Playwright;

namespace Bastion.Tests.Transfer;

/// <summary>The file panel in Chromium against a real sshd's sftp-server: upload through the picker and download
/// through the panel, each audited with the file's SHA-256; a grant without upload gets a clear refusal (audited);
/// a host without the SFTP subsystem shows the panel as unavailable with the reason.</summary>
[Collection(TransferCollectionDefinition.Name)]
public sealed class FilePanelBrowserTests(TransferFixture transfer) : IAsyncLifetime
{
    private BrowserSession _browser = null!;

    private BastionFixture Bastion => transfer.Bastion;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    /// <summary>Logs in as a new operator granted a new host on <paramref name="sshd"/>, opens its terminal, makes a
    /// fresh directory there, and opens the file panel on it. Returns the session id and the directory.</summary>
    private async Task<(string SessionId, string Dir)> OpenPanelAsync(SshdServer sshd, bool allowUpload = true)
    {
        var hostName = BastionFixture.Unique("files");
        var hostId = await Bastion.Server.AddHostAsync(Bastion.AdminToken, sshd, hostName);
        var (userId, userName, _) = await Bastion.AddUserAsync(["operator"]);
        await Bastion.GrantAsync(allowUpload ? new { userId, hostId } : new { userId, hostId, allowUpload = false });
        var page = _browser.Page;
        await _browser.LoginAsync(Bastion.Server.BaseUri, userName, AdminApi.UserPassword);
        await page.ClickAsync($".host-row[data-host-name='{hostName}'] .host-open").WithTimeout();
        var tab = page.Locator($".workspace-tab[data-selected='true'][data-host-name='{hostName}'][data-state='connected']");
        await tab.WaitForAsync().WithTimeout();
        var sessionId = (await tab.GetAttributeAsync("data-session-id").WithTimeout())!;

        // Not under /tmp: the walk below goes through each parent's listing, and a run leaves thousands of entries in
        // /tmp, more than a listing holds (Transfer:MaxListEntries), so the directory could be cut from it.
        var dir = BastionFixture.Unique("/var/tmp/bastion-panel-");
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir, (UnixFileMode)0x1FF); // 0777 (before umask): the sshd's login user writes here
            File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
        }
        await page.ClickAsync("#workspace-files").WithTimeout();
        return (sessionId, dir);
    }

    private async Task BrowseToAsync(string dir)
    {
        var page = _browser.Page;
        await page.Locator("#files-panel[data-state='ready']").WaitForAsync().WithTimeout();
        // The panel opens at the login's home; go to / and then down, as a person would.
        while (await page.Locator("#files-path").TextContentAsync().WithTimeout() is not "/")
        {
            var before = await page.Locator("#files-path").TextContentAsync().WithTimeout();
            await page.ClickAsync("#files-up").WithTimeout();
            await page.WaitForFunctionAsync("(b) => document.querySelector('#files-path')?.textContent !== b", before).WithTimeout();
        }

        foreach (var part in dir.Trim('/').Split('/'))
        {
            await page.ClickAsync($"#files-list .files-entry[data-name='{part}'] .files-name").WithTimeout();
            await page.WaitForFunctionAsync("(p) => document.querySelector('#files-path')?.textContent?.endsWith('/' + p)", part).WithTimeout();
        }

        await page.Locator("#files-panel[data-state='ready']").WaitForAsync().WithTimeout();
    }

    [Fact]
    public async Task UploadAndDownloadThroughThePanel_AuditEventsCarryTheFilesSha256()
    {
        var (sessionId, dir) = await OpenPanelAsync(transfer.SftpSshd);
        await BrowseToAsync(dir);
        var page = _browser.Page;

        var local = Path.Combine(Path.GetTempPath(), BastionFixture.Unique("panel-upload-") + ".bin");
        var bytes = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 5);
        await File.WriteAllBytesAsync(local, bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var name = Path.GetFileName(local);
        try
        {
            await page.SetInputFilesAsync("#files-picker", local).WithTimeout();
            await page.Locator($"#files-transfers .files-transfer[data-direction='upload'][data-name='{name}'][data-state='done']").WaitForAsync().WithTimeout();
            await page.Locator($"#files-list .files-entry[data-name='{name}']").WaitForAsync().WithTimeout();
            // The row's bar is seen: it spans the row (in an auto-sized grid column it had no width at all).
            var row = await page.Locator($"#files-transfers .files-transfer[data-name='{name}']").BoundingBoxAsync().WithTimeout();
            var bar = await page.Locator($"#files-transfers .files-transfer[data-name='{name}'] .files-progress").BoundingBoxAsync().WithTimeout();
            Assert.True(row is not null && bar is not null && bar.Width >= row.Width * 0.9 && bar.Height > 0,
                $"the progress bar is {bar?.Width}×{bar?.Height} in a row {row?.Width} wide");
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(dir, name)))));
            var uploaded = await Bastion.Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileUploaded && e.SessionId == sessionId, "file.uploaded");
            Assert.Equal(sha, uploaded.Data("sha256"));
            Assert.Equal("ok", uploaded.Data("outcome"));

            var download = await page.RunAndWaitForDownloadAsync(
                () => page.ClickAsync($"#files-list .files-entry[data-name='{name}'] [data-action='download']")).WithTimeout();
            var saved = await download.PathAsync().WithTimeout();
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved))));
            var downloaded = await Bastion.Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileDownloaded && e.SessionId == sessionId, "file.downloaded");
            Assert.Equal(sha, downloaded.Data("sha256"));
            await _browser.ScreenshotAsync("file-panel-transfers");
        }
        finally
        {
            File.Delete(local);
        }
    }

    [Fact]
    public async Task GrantWithoutUpload_ThePanelSaysSo_AndAnUploadIsRefusedClearly_AndAudited()
    {
        var (sessionId, dir) = await OpenPanelAsync(transfer.SftpSshd, allowUpload: false);
        await BrowseToAsync(dir);
        var page = _browser.Page;
        Assert.True(await page.Locator("#files-upload").IsDisabledAsync().WithTimeout());
        Assert.Contains("Uploads and changes are off", await page.Locator("#files-notice").TextContentAsync().WithTimeout(), StringComparison.Ordinal);

        // The picker is still reachable (a drop works the same way): the server refuses, and the row says why.
        var local = Path.Combine(Path.GetTempPath(), BastionFixture.Unique("refused-") + ".txt");
        await File.WriteAllTextAsync(local, "not allowed");
        try
        {
            await page.SetInputFilesAsync("#files-picker", local).WithTimeout();
            var row = page.Locator("#files-transfers .files-transfer[data-state='failed'][data-code='transfer_not_allowed']");
            await row.WaitForAsync().WithTimeout();
            var text = await row.TextContentAsync().WithTimeout();
            Assert.Contains("Not allowed by your grant", text, StringComparison.Ordinal);
            Assert.Contains("does not allow uploads", text, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, Path.GetFileName(local))));
            var refused = await Bastion.Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileUploaded && e.SessionId == sessionId, "the refused upload");
            Assert.Equal("transfer_not_allowed", refused.Data("outcome"));
        }
        finally
        {
            File.Delete(local);
        }
    }

    [Fact]
    public async Task HostWithoutSftp_ShowsThePanelAsUnavailable_WithTheReason()
    {
        await OpenPanelAsync(transfer.PlainSshd);
        var page = _browser.Page;
        await page.Locator("#files-panel[data-state='unavailable']").WaitForAsync().WithTimeout();
        var notice = await page.Locator("#files-notice[data-code='sftp_unavailable']").TextContentAsync().WithTimeout();
        Assert.Contains("File transfer is unavailable on this host", notice, StringComparison.Ordinal);
        Assert.Contains("SFTP", notice, StringComparison.Ordinal);
        // What cannot work there is off, not silently failing: only Refresh (try again) and Close remain.
        foreach (var id in new[] { "#files-up", "#files-upload", "#files-mkdir" })
        {
            Assert.True(await page.Locator(id).IsDisabledAsync().WithTimeout(), $"{id} is enabled on a host without SFTP");
        }

        Assert.True(await page.Locator("#files-goto").IsHiddenAsync().WithTimeout());
        Assert.True(await page.Locator("#files-refresh").IsEnabledAsync().WithTimeout());
        await _browser.ScreenshotAsync("file-panel-unavailable");
    }

    [Fact]
    public async Task ARenameAndARefusedNewFolder_OnTheSessionsPage_SayWhatHappenedAndWhereTo_InWords()
    {
        var (sessionId, dir) = await OpenPanelAsync(transfer.SftpSshd);
        await File.WriteAllTextAsync(Path.Combine(dir, "before.txt"), "x");
        await BrowseToAsync(dir);
        var page = _browser.Page;
        var answers = new Queue<string>(["taken", "taken", "after.txt"]);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(answers.Count > 0 ? answers.Dequeue() : "");

        await page.ClickAsync("#files-mkdir").WithTimeout();
        await page.Locator("#files-list .files-entry[data-name='taken']").WaitForAsync().WithTimeout();
        await page.ClickAsync("#files-mkdir").WithTimeout();
        await page.Locator("#files-notice[data-code='exists']").WaitForAsync().WithTimeout();
        await page.ClickAsync("#files-list .files-entry[data-name='before.txt'] [data-action='rename']").WithTimeout();
        await page.Locator("#files-list .files-entry[data-name='after.txt']").WaitForAsync().WithTimeout();
        await Bastion.Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileChanged && e.SessionId == sessionId && e.Data("operation") == "rename", "the rename");

        // The session's page, as an admin reviewing it: the change is named, the rename shows where to, the refusal
        // is worded ("exists: …" showed the code).
        await using var reviewer = await BrowserSession.LaunchAsync();
        await reviewer.LoginAsync(Bastion.Server.BaseUri, "admin", BastionServer.AdminPassword);
        var review = reviewer.Page;
        await review.GotoAsync($"{Bastion.Server.BaseUri}#/sessions/{sessionId}").WithTimeout();
        var rename = review.Locator("#session-transfers .session-transfer[data-operation='rename']");
        await rename.WaitForAsync().WithTimeout();
        Assert.Equal("Renamed", await rename.Locator(".session-transfer-what").TextContentAsync().WithTimeout());
        Assert.Equal($"{dir}/before.txt → {dir}/after.txt", await rename.Locator(".session-transfer-path").TextContentAsync().WithTimeout());
        var refused = review.Locator("#session-transfers .session-transfer[data-operation='mkdir'][data-outcome='exists']");
        Assert.Equal("Folder created", await refused.Locator(".session-transfer-what").TextContentAsync().WithTimeout());
        Assert.StartsWith("Already exists: ", (await refused.Locator(".session-transfer-outcome").TextContentAsync().WithTimeout())!.Split(" · ")[^1], StringComparison.Ordinal);
        // The panel's title sits inside its padding, and the panel apart from the player above it.
        var panel = await review.Locator("#session-transfers-panel").BoundingBoxAsync().WithTimeout();
        var titleX = await review.EvalOnSelectorAsync<double>("#session-transfers-panel > h2", "h => { const r = document.createRange(); r.selectNodeContents(h); return r.getBoundingClientRect().left + window.scrollX; }").WithTimeout();
        Assert.True(panel is not null && titleX >= panel.X + 8, $"the File transfers title at x={titleX} touches its panel at x={panel?.X}");
        await rename.ScrollIntoViewIfNeededAsync().WithTimeout();
        await reviewer.ScreenshotAsync("session-file-changes");
    }

    [Fact]
    public async Task ATruncatedListing_SaysHowManyItShows_AndTheGoToBoxOpensADirectoryOrAFileItLeavesOut()
    {
        var (_, dir) = await OpenPanelAsync(transfer.SftpSshd);
        try
        {
            // More entries than a listing holds (Transfer:MaxListEntries, 5,000); which ones it leaves out is the host's order.
            for (var i = 0; i < 5_010; i++)
            {
                await File.WriteAllBytesAsync(Path.Combine(dir, $"f{i:D5}"), []);
            }

            Directory.CreateDirectory(Path.Combine(dir, "wanted-dir"));
            await File.WriteAllTextAsync(Path.Combine(dir, "wanted.txt"), "beyond the cut");
            await BrowseToAsync(dir);
            var page = _browser.Page;
            var notice = page.Locator("#files-notice[data-code='limits']");
            await notice.WaitForAsync().WithTimeout();
            Assert.Contains("Showing 5,000 of 5,012 entries; type a path", await notice.TextContentAsync().WithTimeout(), StringComparison.Ordinal);

            await page.FillAsync("#files-goto-path", $"{dir}/wanted-dir").WithTimeout();
            await page.ClickAsync("#files-goto-open").WithTimeout();
            await page.WaitForFunctionAsync("(p) => document.querySelector('#files-path')?.textContent === p", $"{dir}/wanted-dir").WithTimeout();
            await page.Locator("#files-panel[data-state='ready'] #files-list .files-empty").WaitForAsync().WithTimeout();

            await page.FillAsync("#files-goto-path", $"{dir}/wanted.txt").WithTimeout();
            await page.ClickAsync("#files-goto-open").WithTimeout();
            var action = page.Locator("#files-list .files-entry[data-name='wanted.txt'] [data-action='download']");
            await action.WaitForAsync().WithTimeout();
            var download = await page.RunAndWaitForDownloadAsync(() => action.ClickAsync()).WithTimeout();
            Assert.Equal("beyond the cut", await File.ReadAllTextAsync((await download.PathAsync().WithTimeout())!).WithTimeout());
            await _browser.ScreenshotAsync("file-panel-go-to-path");
        }
        finally
        {
            Directory.Delete(dir, recursive: true); // 5,012 entries: not left in /var/tmp
        }
    }
}

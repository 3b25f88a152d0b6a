using System.Globalization;
using System.Security.Cryptography;
using Bastion.Core.Audit;
using Microsoft.Playwright;

namespace Bastion.Tests.Transfer;

/// <summary>The file panel in Chromium against a real sshd's sftp-server (issue 14): symbolic links behave as what
/// they point at (a link to a file downloads the file, audited with its size and SHA-256; a link to a folder opens;
/// a dangling one says why it cannot be opened), and the panel sits beside the terminal at 1400 px (the terminal and
/// the PTY get narrower, every row and column stays in view) and over it at 390 px (the terminal keeps its size).</summary>
[Collection(TransferCollectionDefinition.Name)]
public sealed class FilePanelLinksBrowserTests(TransferFixture transfer) : IAsyncLifetime
{
    private BrowserSession? _browser;

    private BastionFixture Bastion => transfer.Bastion;

    private BrowserSession Browser => _browser!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    /// <summary>A browser of <paramref name="width"/>, an operator's terminal on a new host, connected.</summary>
    private async Task<(string SessionId, IPage Page)> OpenTerminalAsync(int width, int height)
    {
        _browser = await BrowserSession.LaunchAsync(width, height);
        var hostName = BastionFixture.Unique("panel");
        var hostId = await Bastion.Server.AddHostAsync(Bastion.AdminToken, transfer.SftpSshd, hostName);
        var (userId, userName, _) = await Bastion.AddUserAsync(["operator"]);
        await Bastion.GrantAsync(new { userId, hostId });
        var page = Browser.Page;
        await Browser.LoginAsync(Bastion.Server.BaseUri, userName, AdminApi.UserPassword);
        await page.ClickAsync($".host-row[data-host-name='{hostName}'] .host-open").WithTimeout();
        var tab = page.Locator($".workspace-tab[data-selected='true'][data-host-name='{hostName}'][data-state='connected']");
        await tab.WaitForAsync().WithTimeout();
        return ((await tab.GetAttributeAsync("data-session-id").WithTimeout())!, page);
    }

    private static async Task<(int Cols, int Rows)> TerminalSizeAsync(IPage page)
    {
        var size = await page.EvaluateAsync<int[]>("() => [window.bastionTerminal.cols, window.bastionTerminal.rows]").WithTimeout();
        return (size[0], size[1]);
    }

    /// <summary>Asks the shell for its PTY's size until it is <paramref name="rows"/> × <paramref name="cols"/> (the
    /// resize follows the fit after a short debounce; each ask is a command whose output names the size).</summary>
    private static async Task WaitForPtySizeAsync(IPage page, int rows, int cols)
    {
        var expected = $"pty-{rows}x{cols}-end";
        for (var attempt = 0; ; attempt++)
        {
            await page.ClickAsync("#terminal .xterm").WithTimeout();
            await page.Keyboard.TypeAsync("echo pty-$(stty size | tr ' ' x)-end").WithTimeout();
            await page.Keyboard.PressAsync("Enter").WithTimeout();
            try
            {
                await page.WaitForFunctionAsync(BufferHas, expected, new() { Timeout = 3000 });
                return;
            }
            catch (TimeoutException) when (attempt < 20)
            {
            }
        }
    }

    private const string BufferHas =
        """
        (text) => {
          const b = window.bastionTerminal?.buffer.active;
          if (!b) return false;
          for (let i = 0; i < b.length; i++) if ((b.getLine(i)?.translateToString(true) ?? '').includes(text)) return true;
          return false;
        }
        """;

    /// <summary>The terminal's drawn rows and columns are inside its pane, left of <paramref name="rightLimit"/>, and
    /// inside the window.</summary>
    private static async Task AssertTerminalInViewAsync(IPage page, double rightLimit, int width, int height)
    {
        var screen = await page.Locator("#terminal .workspace-pane[data-active='true'] .xterm-screen").BoundingBoxAsync().WithTimeout();
        var pane = await page.Locator("#terminal .workspace-pane[data-active='true']").BoundingBoxAsync().WithTimeout();
        Assert.NotNull(screen);
        Assert.NotNull(pane);
        Assert.True(screen.X + screen.Width <= rightLimit + 1, $"the terminal's columns reach x={screen.X + screen.Width}, past {rightLimit}");
        Assert.True(screen.Y + screen.Height <= pane.Y + pane.Height + 1 && screen.Y + screen.Height <= height,
            $"the terminal's rows reach y={screen.Y + screen.Height}, below its pane ({pane.Y + pane.Height}) or the window ({height})");
        Assert.True(screen.X >= 0 && screen.X + screen.Width <= width);
    }

    [Fact]
    public async Task At1400px_OpeningThePanel_NarrowsTheTerminalAndThePty_SoEveryColumnAndRowStaysInView()
    {
        var (_, page) = await OpenTerminalAsync(1400, 900);
        var (cols, rows) = await TerminalSizeAsync(page);
        await WaitForPtySizeAsync(page, rows, cols);

        await page.ClickAsync("#workspace-files").WithTimeout();
        await page.Locator("#files-panel[data-state='ready']").WaitForAsync().WithTimeout();
        await page.WaitForFunctionAsync("(c) => window.bastionTerminal.cols < c", cols).WithTimeout();
        // Named in the page's language like its heading (it was the English word "files").
        Assert.Equal("Files", await page.GetAttributeAsync("#files-panel", "aria-label").WithTimeout());
        var (narrow, narrowRows) = await TerminalSizeAsync(page);
        Assert.Equal(rows, narrowRows);
        var panel = await page.Locator("#files-panel").BoundingBoxAsync().WithTimeout();
        Assert.NotNull(panel);
        Assert.True(panel.X + panel.Width <= 1400 + 1 && panel.Width >= 300, $"the panel is at {panel.X}, {panel.Width} wide");
        await AssertTerminalInViewAsync(page, panel.X, 1400, 900);
        await WaitForPtySizeAsync(page, rows, narrow);
        await Browser.ScreenshotAsync("file-panel-beside-terminal-1400");

        await page.ClickAsync("#files-close").WithTimeout();
        await page.WaitForFunctionAsync("(c) => window.bastionTerminal.cols === c", cols).WithTimeout();
        await AssertTerminalInViewAsync(page, 1400, 1400, 900);
        await WaitForPtySizeAsync(page, rows, cols);
    }

    [Fact]
    public async Task At390px_ThePanelTakesTheWholeWidth_AndTheTerminalKeepsItsSizeBeneath()
    {
        var (_, page) = await OpenTerminalAsync(390, 844);
        var (cols, rows) = await TerminalSizeAsync(page);
        await AssertTerminalInViewAsync(page, 390, 390, 844);

        await page.ClickAsync("#workspace-files").WithTimeout();
        await page.Locator("#files-panel[data-state='ready']").WaitForAsync().WithTimeout();
        var panel = await page.Locator("#files-panel").BoundingBoxAsync().WithTimeout();
        var panes = await page.Locator("#terminal").BoundingBoxAsync().WithTimeout();
        Assert.NotNull(panel);
        Assert.NotNull(panes);
        Assert.True(Math.Abs(panel.X - panes.X) <= 1 && Math.Abs(panel.Width - panes.Width) <= 1 && panel.X + panel.Width <= 390 + 1,
            $"the panel at {panel.X}, {panel.Width} wide, does not cover the panes at {panes.X}, {panes.Width} wide");
        foreach (var id in new[] { "#files-up", "#files-refresh", "#files-upload", "#files-mkdir", "#files-close" })
        {
            var button = await page.Locator(id).BoundingBoxAsync().WithTimeout();
            Assert.True(button is not null && button.X >= 0 && button.X + button.Width <= 390 + 1, $"{id} is outside the window: {button?.X}, {button?.Width} wide");
        }

        await Browser.ScreenshotAsync("file-panel-over-terminal-390");
        Assert.Equal((cols, rows), await TerminalSizeAsync(page));

        await page.ClickAsync("#files-close").WithTimeout();
        await page.Locator("#files-panel").WaitForAsync(new() { State = WaitForSelectorState.Hidden }).WithTimeout();
        Assert.Equal((cols, rows), await TerminalSizeAsync(page));
        await AssertTerminalInViewAsync(page, 390, 390, 844);
        await WaitForPtySizeAsync(page, rows, cols);
    }

    [Fact]
    public async Task Links_ALinkToAFileDownloadsTheFile_ALinkToAFolderOpens_ADanglingOneSaysWhy()
    {
        var (sessionId, page) = await OpenTerminalAsync(1400, 900);
        var dir = BastionFixture.Unique("/var/tmp/bastion-links-");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        var bytes = RandomNumberGenerator.GetBytes(300 * 1024 + 9);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await File.WriteAllBytesAsync(Path.Combine(dir, "data.bin"), bytes);
        await File.WriteAllTextAsync(Path.Combine(dir, "sub", "inner.txt"), "inner");
        File.CreateSymbolicLink(Path.Combine(dir, "to-file"), Path.Combine(dir, "data.bin"));
        File.CreateSymbolicLink(Path.Combine(dir, "to-dir"), "sub");
        File.CreateSymbolicLink(Path.Combine(dir, "dangling"), Path.Combine(dir, "gone"));

        await page.ClickAsync("#workspace-files").WithTimeout();
        await page.Locator("#files-panel[data-state='ready']").WaitForAsync().WithTimeout();
        await page.FillAsync("#files-goto-path", dir).WithTimeout();
        await page.ClickAsync("#files-goto-open").WithTimeout();
        await page.WaitForFunctionAsync("(p) => document.querySelector('#files-path')?.textContent === p", dir).WithTimeout();
        var toFile = page.Locator("#files-list .files-entry[data-name='to-file'][data-target='file']");
        await toFile.WaitForAsync().WithTimeout();
        Assert.Equal(1, await toFile.Locator("[data-action='download']").CountAsync().WithTimeout());
        var dangling = page.Locator("#files-list .files-entry[data-name='dangling'][data-target='missing']");
        Assert.Equal(0, await dangling.Locator("[data-action='download']").CountAsync().WithTimeout());
        Assert.Equal("link to nothing: its target does not exist", await dangling.Locator(".files-size").TextContentAsync().WithTimeout());
        var reason = await dangling.Locator(".files-size").BoundingBoxAsync().WithTimeout();
        var panel = await page.Locator("#files-panel").BoundingBoxAsync().WithTimeout();
        Assert.True(reason is not null && panel is not null && reason.Width > 0 && reason.X + reason.Width <= panel.X + panel.Width + 1,
            $"the reason at {reason?.X}, {reason?.Width} wide is outside the panel at {panel?.X}, {panel?.Width} wide");
        await Browser.ScreenshotAsync("file-panel-links");

        var download = await page.RunAndWaitForDownloadAsync(() => toFile.Locator("[data-action='download']").ClickAsync()).WithTimeout();
        Assert.Equal("to-file", download.SuggestedFilename);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync((await download.PathAsync().WithTimeout())!))));
        var downloaded = await Bastion.Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileDownloaded && e.SessionId == sessionId, "file.downloaded");
        Assert.Equal(sha, downloaded.Data("sha256"));
        Assert.Equal(bytes.Length.ToString(CultureInfo.InvariantCulture), downloaded.Data("size"));

        await page.ClickAsync("#files-list .files-entry[data-name='to-dir'] button.files-name").WithTimeout();
        await page.WaitForFunctionAsync("(p) => document.querySelector('#files-path')?.textContent === p", dir + "/to-dir").WithTimeout();
        await page.Locator("#files-list .files-entry[data-name='inner.txt'][data-kind='file']").WaitForAsync().WithTimeout();
    }
}

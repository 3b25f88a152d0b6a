using System.Net;
using System.Security.Cryptography;
using Bastion.Core.Audit;

namespace Bastion.Tests.Transfer;

/// <summary><c>Transfer:KeepCopies</c> against a real sshd: with it on, an upload's copy is kept and an auditor
/// downloads exactly those bytes (audited; anyone else gets the unknown-copy 404, a tampered copy is refused); a file
/// over the per-file bound, or one that would pass the total, is transferred without a copy and its audit event says
/// so; with it off nothing is stored. In Chromium, an auditor saves the copy from the session's page.</summary>
[Collection(TransferCollectionDefinition.Name)]
public sealed class KeptCopyTests(TransferFixture transfer, KeptCopyFixture kept) : IClassFixture<KeptCopyFixture>
{
    private static async Task<(TerminalClient Terminal, string Token, string Dir)> SessionAsync(BastionFixture bastion, SshdServer sshd)
    {
        var hostId = await bastion.Server.AddHostAsync(bastion.AdminToken, sshd);
        var (userId, _, token) = await bastion.AddUserAsync(["operator"], name: BastionFixture.Unique("copies"));
        await bastion.GrantAsync(userId, hostId);
        var terminal = await bastion.OpenTerminalAsync(hostId, token);
        var dir = BastionFixture.Unique("/tmp/bastion-copies-");
        await terminal.SendInputAsync($"mkdir -p {dir} && echo made-$((6*7))\r");
        await terminal.WaitForOutputAsync("made-42");
        return (terminal, token, dir);
    }

    private static async Task<AuditRecord> UploadAsync(BastionFixture bastion, TerminalClient terminal, string token, string dir, byte[] bytes, string name)
    {
        using var put = BastionServer.Request(HttpMethod.Put, $"/api/sessions/{terminal.SessionId}/files/content?path={Uri.EscapeDataString(dir)}&name={name}", token);
        put.Content = new ByteArrayContent(bytes);
        using var response = await bastion.Server.Http.SendAsync(put).WithTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await bastion.Server.WaitForEventAsync(
            e => e.Type == AuditEventTypes.FileUploaded && e.SessionId == terminal.SessionId && e.Data("path").EndsWith(name, StringComparison.Ordinal), "file.uploaded");
    }

    private static string CopiesDir(BastionFixture bastion) => Path.Combine(bastion.Server.DataDir, "transfer-copies");

    [Fact]
    public async Task KeepCopiesOn_AnAuditorDownloadsTheSameBytes_AndNobodyElseCan()
    {
        var bastion = kept.Bastion;
        var (terminal, token, dir) = await SessionAsync(bastion, kept.Sshd);
        await using var _ = terminal;
        var bytes = RandomNumberGenerator.GetBytes(300 * 1024 + 3);

        var uploaded = await UploadAsync(bastion, terminal, token, dir, bytes, "kept.bin");
        Assert.Equal("true", uploaded.Data("copyKept"));
        var copyId = uploaded.Data("copyId");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), uploaded.Data("sha256"));
        Assert.Empty(Directory.GetFiles(Path.Combine(CopiesDir(bastion), terminal.SessionId!), ".*")); // no temporary left

        var copy = $"/api/sessions/{terminal.SessionId}/copies/{copyId}";
        var (_, _, auditorToken) = await bastion.AddUserAsync(["auditor"], name: BastionFixture.Unique("auditor"));
        using (var get = BastionServer.Request(HttpMethod.Get, copy, auditorToken))
        {
            using var response = await bastion.Server.Http.SendAsync(get).WithTimeout();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync().WithTimeout());
        }

        var audited = await bastion.Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileCopyDownloaded && e.SessionId == terminal.SessionId, "file.copy_downloaded");
        Assert.Equal(copyId, audited.Data("copyId"));
        Assert.Equal("ok", audited.Data("outcome"));

        // The uploader is no auditor: the same 404 problem as an unknown copy.
        var (status, problem) = await bastion.Server.SendAsync(HttpMethod.Get, copy, token);
        Assert.Equal(404, status);
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
        var (unknown, _) = await bastion.Server.SendAsync(HttpMethod.Get, $"/api/sessions/{terminal.SessionId}/copies/{new string('0', 32)}", auditorToken);
        Assert.Equal(404, unknown);

        // A copy changed on disk no longer matches its audit event and is not sent.
        await File.WriteAllBytesAsync(Path.Combine(CopiesDir(bastion), terminal.SessionId!, copyId), [1, 2, 3]);
        var (tampered, corrupt) = await bastion.Server.SendAsync(HttpMethod.Get, copy, auditorToken);
        Assert.Equal(500, tampered);
        Assert.Equal("copy_corrupt", corrupt.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AFileOverTheBound_IsTransferredWithoutACopy_AndTheAuditEventSaysWhy()
    {
        var bastion = kept.Bastion;
        var (terminal, token, dir) = await SessionAsync(bastion, kept.Sshd);
        await using var _ = terminal;

        var uploaded = await UploadAsync(bastion, terminal, token, dir, RandomNumberGenerator.GetBytes((int)KeptCopyFixture.MaxFileBytes + 1), "big.bin");
        Assert.Equal("ok", uploaded.Data("outcome"));
        Assert.Equal("false", uploaded.Data("copyKept"));
        Assert.Contains("KeepCopiesMaxFileBytes", uploaded.Data("copyReason"), StringComparison.Ordinal);
        Assert.Equal("", uploaded.Data("copyId"));
        var sessionCopies = Path.Combine(CopiesDir(bastion), terminal.SessionId!);
        Assert.True(!Directory.Exists(sessionCopies) || Directory.GetFiles(sessionCopies).Length == 0);
    }

    [Fact]
    public async Task AnAuditorOnTheSessionsPage_SavesTheKeptCopy_WithTheAuditEventsSha256()
    {
        var bastion = kept.Bastion;
        var (terminal, token, dir) = await SessionAsync(bastion, kept.Sshd);
        await using var _ = terminal;
        var uploaded = await UploadAsync(bastion, terminal, token, dir, RandomNumberGenerator.GetBytes(200 * 1024 + 7), "for-auditor.bin");
        var copyId = uploaded.Data("copyId");
        Assert.Equal("true", uploaded.Data("copyKept"));
        var (_, auditorName, _) = await bastion.AddUserAsync(["auditor"], name: BastionFixture.Unique("auditor"));

        await using var browser = await BrowserSession.LaunchAsync();
        await browser.LoginAsync(bastion.Server.BaseUri, auditorName, AdminApi.UserPassword);
        await browser.Page.GotoAsync($"{bastion.Server.BaseUri}#/sessions/{terminal.SessionId}").WithTimeout();
        var row = browser.Page.Locator($"#session-transfers .session-transfer[data-type='{AuditEventTypes.FileUploaded}'][data-sha256='{uploaded.Data("sha256")}']");
        await row.WaitForAsync().WithTimeout();
        // Drawn as the page's other buttons (it was a bare native button).
        Assert.Contains("button", (await row.Locator(".session-copy").GetAttributeAsync("class").WithTimeout() ?? "").Split(' '));
        var download = await browser.Page.RunAndWaitForDownloadAsync(() => row.Locator($".session-copy[data-copy-id='{copyId}']").ClickAsync()).WithTimeout();
        var saved = await download.PathAsync().WithTimeout();

        Assert.Equal("for-auditor.bin", download.SuggestedFilename);
        Assert.Equal(uploaded.Data("sha256"), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved).WithTimeout())));
        var audited = await bastion.Server.WaitForEventAsync(
            e => e.Type == AuditEventTypes.FileCopyDownloaded && e.SessionId == terminal.SessionId && e.Data("copyId") == copyId, "file.copy_downloaded");
        Assert.Equal(auditorName, audited.Actor);
        await browser.ScreenshotAsync("kept-copy-session-page");
    }

    [Fact]
    public async Task WhenTheKeptCopiesAreFull_AnUploadGoesOnWithoutACopy_AndTheAuditEventSaysWhy()
    {
        // A deployment of its own whose total holds one 400 KiB copy but not two (each is under the per-file bound).
        await using var bastion = await BastionFixture.StartAsync(kept.Sshd, new Dictionary<string, string>
        {
            ["Terminal:DetachedGrace"] = "00:00:00",
            ["Transfer:KeepCopies"] = "true",
            ["Transfer:KeepCopiesMaxFileBytes"] = (500 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Transfer:KeepCopiesMaxTotalBytes"] = (600 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).WithTimeout(TransferFixture.StartTimeout);
        var (terminal, token, dir) = await SessionAsync(bastion, kept.Sshd);
        await using var _ = terminal;

        var first = await UploadAsync(bastion, terminal, token, dir, RandomNumberGenerator.GetBytes(400 * 1024), "first.bin");
        var second = RandomNumberGenerator.GetBytes(400 * 1024);
        var refused = await UploadAsync(bastion, terminal, token, dir, second, "second.bin");

        Assert.Equal("true", first.Data("copyKept"));
        Assert.Equal("ok", refused.Data("outcome"));
        Assert.Equal("false", refused.Data("copyKept"));
        Assert.Equal("", refused.Data("copyId"));
        Assert.Contains("KeepCopiesMaxTotalBytes", refused.Data("copyReason"), StringComparison.Ordinal);
        Assert.Equal(second, await File.ReadAllBytesAsync(Path.Combine(dir, "second.bin")).WithTimeout());
        Assert.Equal([first.Data("copyId")], Directory.GetFiles(Path.Combine(CopiesDir(bastion), terminal.SessionId!)).Select(Path.GetFileName));
    }

    [Fact]
    public async Task KeepCopiesOff_StoresNothing()
    {
        var bastion = transfer.Bastion;
        var (terminal, token, dir) = await SessionAsync(bastion, transfer.SftpSshd);
        await using var _ = terminal;

        var uploaded = await UploadAsync(bastion, terminal, token, dir, RandomNumberGenerator.GetBytes(64 * 1024), "plain.bin");
        Assert.Equal("ok", uploaded.Data("outcome"));
        Assert.Equal("", uploaded.Data("copyKept"));
        Assert.False(Directory.Exists(CopiesDir(bastion)) && Directory.EnumerateFiles(CopiesDir(bastion), "*", SearchOption.AllDirectories).Any());
    }
}

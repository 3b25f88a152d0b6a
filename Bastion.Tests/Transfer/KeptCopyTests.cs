using System.Net;
using System.Security.Cryptography;
using Bastion.Core.Audit;

namespace Bastion.Tests.Transfer;

/// <summary><c>Transfer:KeepCopies</c> against a real sshd: with it on, an upload's copy is kept and an auditor
/// downloads exactly those bytes (audited; anyone else gets the unknown-copy 404, a tampered copy is refused); a file
/// over the per-file bound is transferred without a copy and its audit event says so; with it off nothing is stored.</summary>
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

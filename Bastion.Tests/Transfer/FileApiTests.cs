using System.Net;
using System.Security.Cryptography;
using Bastion.Core.Audit;

namespace Bastion.Tests.Transfer;

/// <summary>The file API on a live terminal session against a real sshd's sftp-server: transfers stream with the
/// file's SHA-256 in the audit event, grant flags refuse (and the refusal is audited), a cancelled upload leaves no
/// file, and a host without the SFTP subsystem answers <c>sftp_unavailable</c>.</summary>
[Collection(TransferCollectionDefinition.Name)]
public sealed class FileApiTests(TransferFixture transfer)
{
    private BastionFixture Bastion => transfer.Bastion;

    private BastionServer Server => Bastion.Server;

    private async Task<(TerminalClient Terminal, string Token, string GrantId, string Dir)> SessionAsync(object? grantFlags = null, SshdServer? sshd = null)
    {
        var hostId = await Server.AddHostAsync(Bastion.AdminToken, sshd ?? transfer.SftpSshd);
        var (userId, _, token) = await Bastion.AddUserAsync(["operator"], name: BastionFixture.Unique("files"));
        var grantId = await Bastion.GrantAsync(grantFlags is null ? new { userId, hostId } : Merge(userId, hostId, grantFlags));
        var terminal = await Bastion.OpenTerminalAsync(hostId, token);
        var dir = BastionFixture.Unique("/tmp/bastion-files-");
        await terminal.SendInputAsync($"mkdir -p {dir} && echo made-$((6*7))\r");
        await terminal.WaitForOutputAsync("made-42");
        return (terminal, token, grantId, dir);
    }

    private static Dictionary<string, object?> Merge(string userId, string hostId, object flags)
    {
        var body = new Dictionary<string, object?> { ["userId"] = userId, ["hostId"] = hostId };
        foreach (var p in flags.GetType().GetProperties())
        {
            body[p.Name] = p.GetValue(flags);
        }

        return body;
    }

    private static async Task PollAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static string Files(TerminalClient terminal, string rest = "") => $"/api/sessions/{terminal.SessionId}/files{rest}";

    [Fact]
    public async Task UploadThenDownload_StreamsTheBytes_AndTheAuditEventsCarryTheirSha256()
    {
        var (terminal, token, _, dir) = await SessionAsync();
        await using var _ = terminal;
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        using (var put = BastionServer.Request(HttpMethod.Put, Files(terminal, $"/content?path={Uri.EscapeDataString(dir)}&name=blob.bin"), token))
        {
            put.Content = new ByteArrayContent(bytes);
            using var response = await Server.Http.SendAsync(put).WithTimeout();
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync($"{dir}/blob.bin"))));
        var uploaded = await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileUploaded && e.SessionId == terminal.SessionId, "file.uploaded");
        Assert.Equal(sha, uploaded.Data("sha256"));
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), uploaded.Data("size"));
        Assert.Equal("ok", uploaded.Data("outcome"));
        Assert.Empty(Directory.GetFiles(dir, "*.part"));

        using (var get = BastionServer.Request(HttpMethod.Get, Files(terminal, $"/content?path={Uri.EscapeDataString(dir + "/blob.bin")}"), token))
        {
            using var response = await Server.Http.SendAsync(get).WithTimeout();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync().WithTimeout())));
        }

        var downloaded = await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileDownloaded && e.SessionId == terminal.SessionId, "file.downloaded");
        Assert.Equal(sha, downloaded.Data("sha256"));

        var (status, listing) = await Server.SendAsync(HttpMethod.Get, Files(terminal, $"?path={Uri.EscapeDataString(dir)}"), token);
        Assert.Equal(200, status);
        Assert.Contains(listing.GetProperty("entries").EnumerateArray(), e => e.GetProperty("name").GetString() == "blob.bin");
    }

    [Fact]
    public async Task GrantWithoutUpload_RefusesTheUpload_WithAClearMessage_AndAuditsTheRefusal()
    {
        var (terminal, token, _, dir) = await SessionAsync(new { allowUpload = false });
        await using var _ = terminal;

        using var put = BastionServer.Request(HttpMethod.Put, Files(terminal, $"/content?path={Uri.EscapeDataString(dir)}&name=nope.txt"), token);
        put.Content = new ByteArrayContent("hello"u8.ToArray());
        using var response = await Server.Http.SendAsync(put).WithTimeout();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("transfer_not_allowed", body, StringComparison.Ordinal);
        Assert.Contains("does not allow uploads", body, StringComparison.Ordinal);
        Assert.False(File.Exists($"{dir}/nope.txt"));

        var refused = await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileUploaded && e.SessionId == terminal.SessionId, "the refused upload");
        Assert.Equal("transfer_not_allowed", refused.Data("outcome"));
    }

    [Fact]
    public async Task AdminTurnsDownloadOffOnAGrant_TheNextDownloadIsRefused()
    {
        var (terminal, token, grantId, dir) = await SessionAsync();
        await using var _ = terminal;
        await File.WriteAllTextAsync($"{dir}/a.txt", "x");

        var (patched, grant) = await Server.SendAsync(HttpMethod.Patch, $"/api/grants/{grantId}", Bastion.AdminToken, new { allowDownload = false });
        Assert.Equal(200, patched);
        Assert.False(grant.GetProperty("allowDownload").GetBoolean());
        Assert.True(grant.GetProperty("allowUpload").GetBoolean());

        var (status, problem) = await Server.SendAsync(HttpMethod.Get, Files(terminal, $"/content?path={Uri.EscapeDataString(dir + "/a.txt")}"), token);
        Assert.Equal(403, status);
        Assert.Equal("transfer_not_allowed", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task CancelledUpload_LeavesNoPartialFile()
    {
        var (terminal, token, _, dir) = await SessionAsync();
        await using var _ = terminal;

        // A body that sends 1 MiB and then stalls until the client gives up: the browser's Cancel.
        using var cancel = new CancellationTokenSource();
        var content = new StallingContent(1024 * 1024, cancel);
        using var put = BastionServer.Request(HttpMethod.Put, Files(terminal, $"/content?path={Uri.EscapeDataString(dir)}&name=half.bin"), token);
        put.Content = content;
        var sending = Server.Http.SendAsync(put, cancel.Token);
        await content.Sent.WithTimeout();
        await PollAsync(() => Directory.GetFiles(dir, "*.part").Length > 0, "the temporary file on the host");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WithTimeout());

        var audited = await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileUploaded && e.SessionId == terminal.SessionId, "the cancelled upload");
        Assert.NotEqual("ok", audited.Data("outcome"));
        Assert.False(File.Exists($"{dir}/half.bin"));
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task HostWithoutSftpSubsystem_AnswersUnavailable_WithTheReason()
    {
        var (terminal, token, _, _) = await SessionAsync(sshd: transfer.PlainSshd);
        await using var _ = terminal;

        var (status, problem) = await Server.SendAsync(HttpMethod.Get, Files(terminal), token);
        Assert.Equal(503, status);
        Assert.Equal("sftp_unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("SFTP", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Transfer;

namespace Bastion.Tests.Transfer;

/// <summary>Symbolic links through the file API, against a real sshd's sftp-server (issue 14): the listing says what
/// each link points at (a file, with the file's size; a directory; nothing), a link to a file downloads the file and
/// is audited with the file's size and SHA-256, a link to a directory lists that directory; past
/// <see cref="SftpLinks.MaxResolved"/> links the rest are "unknown". Each test removes the directory it made.</summary>
[Collection(TransferCollectionDefinition.Name)]
public sealed class SymlinkTests(TransferFixture transfer) : IDisposable
{
    private readonly List<string> _dirs = [];

    private BastionFixture Bastion => transfer.Bastion;

    private BastionServer Server => Bastion.Server;

    /// <summary>A session of a new operator, and a directory holding <c>data.bin</c>, <c>sub/inner.txt</c> and three
    /// links: <c>to-file</c>, <c>to-dir</c>, and <c>dangling</c> (to a name that does not exist).</summary>
    private async Task<(TerminalClient Terminal, string Token, string Dir, byte[] Bytes)> SessionWithLinksAsync()
    {
        var hostId = await Server.AddHostAsync(Bastion.AdminToken, transfer.SftpSshd);
        var (userId, _, token) = await Bastion.AddUserAsync(["operator"], name: BastionFixture.Unique("links"));
        await Bastion.GrantAsync(new { userId, hostId });
        var terminal = await Bastion.OpenTerminalAsync(hostId, token);
        await terminal.SendInputAsync("echo up-$((6*7))\r");
        await terminal.WaitForOutputAsync("up-42");
        var dir = BastionFixture.Unique("/tmp/bastion-links-");
        _dirs.Add(dir);
        var bytes = RandomNumberGenerator.GetBytes(256 * 1024 + 3);
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        await File.WriteAllBytesAsync(Path.Combine(dir, "data.bin"), bytes);
        await File.WriteAllTextAsync(Path.Combine(dir, "sub", "inner.txt"), "inner");
        File.CreateSymbolicLink(Path.Combine(dir, "to-file"), Path.Combine(dir, "data.bin"));
        File.CreateSymbolicLink(Path.Combine(dir, "to-dir"), "sub");
        File.CreateSymbolicLink(Path.Combine(dir, "dangling"), Path.Combine(dir, "no-such-file"));
        return (terminal, token, dir, bytes);
    }

    public void Dispose()
    {
        foreach (var dir in _dirs)
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static string Files(TerminalClient terminal, string rest = "") => $"/api/sessions/{terminal.SessionId}/files{rest}";

    private static JsonElement Entry(JsonElement listing, string name) =>
        listing.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    [Fact]
    public async Task TheListing_SaysWhatEachLinkPointsAt()
    {
        var (terminal, token, dir, bytes) = await SessionWithLinksAsync();
        await using var session = terminal;

        var (status, listing) = await Server.SendAsync(HttpMethod.Get, Files(terminal, $"?path={Uri.EscapeDataString(dir)}"), token);

        Assert.Equal(200, status);
        var toFile = Entry(listing, "to-file");
        Assert.Equal("link", toFile.GetProperty("kind").GetString());
        Assert.Equal("file", toFile.GetProperty("target").GetString());
        Assert.Equal(bytes.Length, toFile.GetProperty("size").GetInt64());
        Assert.Equal("dir", Entry(listing, "to-dir").GetProperty("target").GetString());
        Assert.Equal("missing", Entry(listing, "dangling").GetProperty("target").GetString());
        Assert.False(Entry(listing, "data.bin").TryGetProperty("target", out var none) && none.ValueKind != System.Text.Json.JsonValueKind.Null); // only links say it
    }

    [Fact]
    public async Task ALinkToAFile_DownloadsTheFile_AuditedWithTheFilesSizeAndSha256()
    {
        var (terminal, token, dir, bytes) = await SessionWithLinksAsync();
        await using var _ = terminal;
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        using (var get = BastionServer.Request(HttpMethod.Get, Files(terminal, $"/content?path={Uri.EscapeDataString(dir + "/to-file")}"), token))
        {
            using var response = await Server.Http.SendAsync(get).WithTimeout();
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync().WithTimeout())));
        }

        var downloaded = await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.FileDownloaded && e.SessionId == terminal.SessionId, "file.downloaded");
        Assert.Equal("ok", downloaded.Data("outcome"));
        Assert.Equal(sha, downloaded.Data("sha256"));
        Assert.Equal(bytes.Length.ToString(CultureInfo.InvariantCulture), downloaded.Data("size"));
        Assert.Equal(dir + "/to-file", downloaded.Data("path"));
    }

    [Fact]
    public async Task ALinkToADirectory_ListsThatDirectory_AndADanglingLinkSaysItIsNotThere()
    {
        var (terminal, token, dir, _) = await SessionWithLinksAsync();
        await using var _t = terminal;

        var (status, listing) = await Server.SendAsync(HttpMethod.Get, Files(terminal, $"?path={Uri.EscapeDataString(dir + "/to-dir")}"), token);
        Assert.Equal(200, status);
        Assert.Equal("file", Entry(listing, "inner.txt").GetProperty("kind").GetString());

        var (missing, problem) = await Server.SendAsync(HttpMethod.Get, Files(terminal, $"/content?path={Uri.EscapeDataString(dir + "/dangling")}"), token);
        Assert.Equal(404, missing);
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PastTheBoundOnLinksPerListing_TheRestAreUnknown_AndOneOfThemStillOpensByTrying()
    {
        var (terminal, token, dir, bytes) = await SessionWithLinksAsync();
        await using var session = terminal;
        var many = Path.Combine(dir, "many");
        Directory.CreateDirectory(many);
        var count = SftpLinks.MaxResolved + 20;
        for (var i = 0; i < count; i++)
        {
            File.CreateSymbolicLink(Path.Combine(many, $"link-{i:D4}"), Path.Combine(dir, "data.bin"));
        }

        var (status, listing) = await Server.SendAsync(HttpMethod.Get, Files(terminal, $"?path={Uri.EscapeDataString(many)}"), token);

        Assert.Equal(200, status);
        var targets = listing.GetProperty("entries").EnumerateArray()
            .OrderBy(e => e.GetProperty("name").GetString(), StringComparer.Ordinal)
            .Select(e => e.GetProperty("target").GetString())
            .ToList();
        Assert.Equal(count, targets.Count);
        Assert.All(targets.Take(SftpLinks.MaxResolved), t => Assert.Equal("file", t));
        Assert.All(targets.Skip(SftpLinks.MaxResolved), t => Assert.Equal("unknown", t));

        // Opening an unknown link by trying: a link to a file lists as that one file, resolved.
        var last = $"{many}/link-{count - 1:D4}";
        var (opened, one) = await Server.SendAsync(HttpMethod.Get, Files(terminal, $"?path={Uri.EscapeDataString(last)}"), token);
        Assert.Equal(200, opened);
        Assert.Equal(bytes.Length, Assert.Single(one.GetProperty("entries").EnumerateArray()).GetProperty("size").GetInt64());
    }
}

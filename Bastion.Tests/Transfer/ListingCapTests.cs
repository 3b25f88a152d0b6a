using Bastion.Core.Transfer;
using Renci.SshNet;

namespace Bastion.Tests.Transfer;

/// <summary>
/// A listing counts a directory's entries past <c>Transfer:MaxListEntries</c> only up to <c>Transfer:MaxListCount</c>
/// (counting means reading every entry from the host), then stops and says "more than", against a real sshd's
/// <c>sftp-server</c>. The limits are set small here so the directory stays small; OpenSSH's sftp-server sends at most
/// 100 entries per READDIR reply, so a count of 150 stops after the second of the 600-entry directory's seven replies.
/// </summary>
public sealed class ListingCapTests : IAsyncLifetime
{
    private static readonly TransferOptions s_limits = new() { MaxListEntries = 40, MaxListCount = 150 };

    private readonly SshdServer _sshd = new($"Subsystem sftp {TransferFixture.SftpServerPath}");
    private SftpClient? _client;

    public async Task InitializeAsync()
    {
        await _sshd.StartAsync(CancellationToken.None).WithTimeout();
        _client = new SftpClient(_sshd.Host, _sshd.Port, _sshd.UserName, _sshd.Password);
        await _client.ConnectAsync(CancellationToken.None).WithTimeout();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        await _sshd.DisposeAsync();
    }

    [Fact]
    public async Task ADirectoryOverTheCount_IsCountedToTheCap_AndSaidToHaveMore()
    {
        var dir = MakeDirectory(600);
        try
        {
            var files = new SftpFiles(_client!, s_limits);

            var listing = await files.ListAsync(dir, CancellationToken.None).WithTimeout();

            Assert.True(listing.Result.Succeeded, listing.Result.Message);
            Assert.Equal((40, true, 150, true), (listing.Entries.Count, listing.Truncated, listing.Total, listing.TotalCapped));

            // Leaving the directory part way closed its handle: the same connection lists it again, with the same answer.
            var again = await files.ListAsync(dir, CancellationToken.None).WithTimeout();
            Assert.Equal((40, 150, true), (again.Entries.Count, again.Total, again.TotalCapped));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ADirectoryUnderTheCount_IsCountedExactly()
    {
        var dir = MakeDirectory(120);
        try
        {
            var listing = await new SftpFiles(_client!, s_limits).ListAsync(dir, CancellationToken.None).WithTimeout();

            Assert.Equal((40, true, 120, false), (listing.Entries.Count, listing.Truncated, listing.Total, listing.TotalCapped));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string MakeDirectory(int entries)
    {
        var dir = BastionFixture.Unique("/var/tmp/bastion-count-");
        Directory.CreateDirectory(dir);
        for (var i = 0; i < entries; i++)
        {
            File.WriteAllBytes(Path.Combine(dir, $"f{i:D4}"), []);
        }

        return dir;
    }
}

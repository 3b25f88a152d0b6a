using Bastion.Core.Audit;
using Bastion.Core.Files;
using Bastion.Testing;

namespace Bastion.Tests.Audit;

/// <summary>Issue 13: a disk-full during the first write left <c>audit-checkpoint.key</c> at 0 bytes, and Bastion
/// signed with that empty key from then on. A short key now stops the start with a message naming the file and the fix.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CheckpointKeyTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bastion-key-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public async Task ShortCheckpointKey_IsRefusedAtStart_WithAMessageThatNamesTheFileAndTheFix(int length)
    {
        var path = Path.Combine(_dataDir, AuditCheckpointSigner.FileName);
        await File.WriteAllBytesAsync(path, new byte[length]).WithTimeout();

        var error = await Assert.ThrowsAsync<InvalidKeyFileException>(() => BastionServer.StartAsync(dataDir: _dataDir));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{length} bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix:", error.Message, StringComparison.Ordinal);
        Assert.Equal(length, new FileInfo(path).Length); // never replaced behind the operator's back
    }

    [Fact]
    public void MissingCheckpointKey_IsCreatedOwnerOnly_With32Bytes_AndNoTempFileLeft()
    {
        AuditCheckpointSigner.Load(_dataDir);

        var path = Path.Combine(_dataDir, AuditCheckpointSigner.FileName);
        Assert.Equal(AuditCheckpointSigner.MinimumKeyBytes, new FileInfo(path).Length);
        Assert.Equal(AtomicFile.OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(_dataDir));
    }

    [Fact]
    public void AtomicWrite_ReplacesTheWholeFile_OwnerOnly()
    {
        var path = Path.Combine(_dataDir, "cursor");
        AtomicFile.Write(path, "first, longer content"u8);
        AtomicFile.Write(path, "second"u8);

        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(AtomicFile.OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(_dataDir));
    }
}

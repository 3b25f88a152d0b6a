using Bastion.Core.Validation;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Sftp;

namespace Bastion.Core.Transfer;

/// <summary>
/// The file operations of the file panel on one open <see cref="SftpClient"/>. Every outcome is a value; transfers
/// stream through a <see cref="HashingStream"/> (SSH.NET keeps a bounded number of SFTP requests in flight, so memory
/// does not grow with the file). An upload is written to a hidden temporary name in the target directory and renamed
/// only once complete, so a cancelled or failed upload leaves no partial file under the real name, and the temporary
/// one is removed.
/// </summary>
internal sealed class SftpFiles(SftpClient client, TransferOptions options)
{
    /// <summary>How long removing a failed upload's temporary file may take after the request is gone.</summary>
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(10);

    public string Home => client.WorkingDirectory;

    public async Task<RemoteListing> ListAsync(string path, CancellationToken cancellationToken)
    {
        var entries = new List<RemoteEntry>();
        var total = 0;
        var capped = false;
        try
        {
            await foreach (var file in client.ListDirectoryAsync(path, cancellationToken))
            {
                if (file.Name is "." or "..")
                {
                    continue;
                }

                // Past the bound the listing goes on counting, holding nothing more, so the panel can say how many
                // are not shown (and offer a typed path to reach them); past the count's own bound it stops reading
                // (leaving the loop closes the directory's handle) and says "more than".
                if (++total > options.MaxListEntries)
                {
                    if (total > options.MaxListCount)
                    {
                        (total, capped) = (options.MaxListCount, true);
                        break;
                    }

                    continue;
                }

                entries.Add(new RemoteEntry(file.Name, file.FullName, KindOf(file), file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero), Mode(file)));
            }
        }
        catch (SftpPathNotFoundException ex)
        {
            // OpenSSH's sftp-server answers "no such file" for a file opened as a directory. A file's path lists as that
            // one file (as ls does), so the panel's "go to path" reaches a file that a truncated listing leaves out.
            return await FileEntryAsync(path, cancellationToken) is { } file
                ? new RemoteListing(path, [file], false, 1, TransferResult.Done())
                : new RemoteListing(path, [], false, 0, SftpErrors.Classify(ex, path, cancellationToken));
        }
        catch (Exception ex) when (ex is SshException or OperationCanceledException or InvalidOperationException)
        {
            return new RemoteListing(path, [], false, 0, SftpErrors.Classify(ex, path, cancellationToken));
        }

        try
        {
            await SftpLinks.ResolveAsync(client, entries, cancellationToken);
        }
        catch (Exception ex) when (ex is SshException or OperationCanceledException or InvalidOperationException)
        {
            return new RemoteListing(path, [], false, 0, SftpErrors.Classify(ex, path, cancellationToken));
        }

        entries.Sort((a, b) => (a.Kind == "dir") != (b.Kind == "dir") ? (a.Kind == "dir" ? -1 : 1) : string.CompareOrdinal(a.Name, b.Name));
        return new RemoteListing(path, entries, total > entries.Count, total, TransferResult.Done(), capped);
    }

    /// <summary>The size of a regular file that may be downloaded, or why not (missing, a directory, too large).</summary>
    public async Task<TransferResult> CheckDownloadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            // A link to a file comes back as the file (SftpLinks): it downloads as the file, audited with its size.
            var attributes = await client.GetAttributesAsync(path, cancellationToken);
            if (attributes.IsSymbolicLink)
            {
                return TransferResult.Failed(TransferError.NotFound, ReplyMessages.FileNoSuchPath(path)); // a dangling link
            }

            if (!attributes.IsRegularFile)
            {
                return TransferResult.Failed(TransferError.BadPath, ReplyMessages.FileNotRegular(path));
            }

            return attributes.Size > options.MaxFileBytes
                ? TransferResult.Failed(TransferError.TooLarge, ReplyMessages.FileSizeOverLimit(path, SftpErrors.Bytes(attributes.Size), SftpErrors.Bytes(options.MaxFileBytes)))
                : TransferResult.Done(attributes.Size);
        }
        catch (Exception ex) when (ex is SshException or OperationCanceledException or InvalidOperationException)
        {
            return SftpErrors.Classify(ex, path, cancellationToken);
        }
    }

    /// <summary>Streams the file into <paramref name="destination"/>; the result has the bytes sent and their hash.</summary>
    public async Task<TransferResult> DownloadAsync(string path, Stream destination, CancellationToken cancellationToken, KeptCopy? copy = null)
    {
        using var hashing = new HashingStream(destination, read: false, options.MaxFileBytes, copy);
        try
        {
            await client.DownloadFileAsync(path, hashing, cancellationToken);
            await hashing.FlushAsync(cancellationToken);
            return TransferResult.Done(hashing.Bytes, hashing.Sha256);
        }
        catch (Exception ex) when (ex is SshException or IOException or OperationCanceledException or InvalidOperationException)
        {
            return SftpErrors.Classify(ex, path, cancellationToken) with { Bytes = hashing.Bytes, Sha256 = hashing.Sha256 };
        }
    }

    /// <summary>Streams <paramref name="source"/> to <paramref name="directory"/>/<paramref name="name"/>: refused if it
    /// exists (unless <paramref name="overwrite"/>), written under a temporary name, renamed when complete.</summary>
    public async Task<TransferResult> UploadAsync(string directory, string name, Stream source, bool overwrite, CancellationToken cancellationToken, KeptCopy? copy = null)
    {
        var target = RemotePaths.Join(directory, name);
        if (!overwrite && await ExistsAsync(target, cancellationToken) is { } existing)
        {
            return existing;
        }

        var temporary = RemotePaths.Join(directory, $".{name}.bastion-{Guid.NewGuid().ToString("N")[..12]}.part");
        using var hashing = new HashingStream(source, read: true, options.MaxFileBytes, copy);
        try
        {
            await client.UploadFileAsync(hashing, temporary, cancellationToken);

            // Complete: the file takes its real name. Overwriting is delete-then-rename, since plain SFTP rename
            // (SSH_FXP_RENAME, draft-ietf-secsh-filexfer-02 6.5) fails when the target exists.
            if (overwrite && await client.ExistsAsync(target, cancellationToken))
            {
                await client.DeleteFileAsync(target, cancellationToken);
            }

            await client.RenameFileAsync(temporary, target, cancellationToken);
            return TransferResult.Done(hashing.Bytes, hashing.Sha256);
        }
        catch (Exception ex) when (ex is SshException or IOException or OperationCanceledException or InvalidOperationException)
        {
            var result = SftpErrors.Classify(ex, target, cancellationToken);
            if (result.Error == TransferError.HostError && await IsOutOfSpaceAsync(directory))
            {
                result = TransferResult.Failed(TransferError.NoSpace, ReplyMessages.FileNoSpace(target));
            }

            await RemoveQuietlyAsync(temporary);
            return result with { Bytes = hashing.Bytes, Sha256 = hashing.Sha256 };
        }
    }

    public async Task<TransferResult> CreateDirectoryAsync(string path, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(path, cancellationToken) is { } existing)
        {
            return existing;
        }

        return await RunAsync(path, () => client.CreateDirectoryAsync(path, cancellationToken), cancellationToken);
    }

    public async Task<TransferResult> RenameAsync(string from, string to, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(to, cancellationToken) is { } existing)
        {
            return existing;
        }

        return await RunAsync(from, () => client.RenameFileAsync(from, to, cancellationToken), cancellationToken);
    }

    /// <summary>Deletes a file, or an empty directory; the result's size is the deleted file's.</summary>
    public async Task<TransferResult> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        SftpFileAttributes attributes;
        try
        {
            attributes = await client.GetAttributesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is SshException or OperationCanceledException or InvalidOperationException)
        {
            return SftpErrors.Classify(ex, path, cancellationToken);
        }

        var result = await RunAsync(path, () => attributes.IsDirectory ? client.DeleteDirectoryAsync(path, cancellationToken) : client.DeleteFileAsync(path, cancellationToken), cancellationToken);
        return result.Succeeded ? TransferResult.Done(attributes.IsDirectory ? 0 : attributes.Size) : result;
    }

    private static async Task<TransferResult> RunAsync(string path, Func<Task> operation, CancellationToken cancellationToken)
    {
        try
        {
            await operation();
            return TransferResult.Done();
        }
        catch (Exception ex) when (ex is SshException or OperationCanceledException or InvalidOperationException)
        {
            return SftpErrors.Classify(ex, path, cancellationToken);
        }
    }

    private async Task<TransferResult?> ExistsAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ExistsAsync(path, cancellationToken)
                ? TransferResult.Failed(TransferError.Exists, ReplyMessages.FileExists(path))
                : null;
        }
        catch (Exception ex) when (ex is SshException or OperationCanceledException or InvalidOperationException)
        {
            return SftpErrors.Classify(ex, path, cancellationToken);
        }
    }

    /// <summary>OpenSSH's sftp-server reports a full disk as a plain SSH_FX_FAILURE; its statvfs@openssh.com extension
    /// tells the two apart.</summary>
    private async Task<bool> IsOutOfSpaceAsync(string directory)
    {
        try
        {
            using var timeout = new CancellationTokenSource(CleanupTimeout);
            var status = await client.GetStatusAsync(directory, timeout.Token);
            return status.AvailableBlocks * status.BlockSize < 1024 * 1024;
        }
        catch (Exception ex) when (ex is SshException or OperationCanceledException or NotSupportedException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task RemoveQuietlyAsync(string path)
    {
        try
        {
            using var timeout = new CancellationTokenSource(CleanupTimeout);
            await client.DeleteFileAsync(path, timeout.Token);
        }
        catch (Exception ex) when (ex is SshException or OperationCanceledException or InvalidOperationException)
        {
            // Nothing was written, or the connection is gone; the temporary name is hidden and marked ".part".
        }
    }

    private async Task<RemoteEntry?> FileEntryAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var attributes = await client.GetAttributesAsync(path, cancellationToken);
            return attributes.IsRegularFile
                ? new RemoteEntry(RemotePaths.Name(path), path, "file", attributes.Size, new DateTimeOffset(attributes.LastWriteTimeUtc, TimeSpan.Zero), Mode(attributes))
                : null;
        }
        catch (Exception ex) when (ex is SshException or OperationCanceledException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string KindOf(ISftpFile file) =>
        file.IsDirectory ? "dir" : file.IsSymbolicLink ? "link" : file.IsRegularFile ? "file" : "other";

    private static string Mode(SftpFileAttributes f) => string.Concat(
        f.OwnerCanRead ? "r" : "-", f.OwnerCanWrite ? "w" : "-", f.OwnerCanExecute ? "x" : "-",
        f.GroupCanRead ? "r" : "-", f.GroupCanWrite ? "w" : "-", f.GroupCanExecute ? "x" : "-",
        f.OthersCanRead ? "r" : "-", f.OthersCanWrite ? "w" : "-", f.OthersCanExecute ? "x" : "-");

    private static string Mode(ISftpFile f) => string.Concat(
        f.OwnerCanRead ? "r" : "-", f.OwnerCanWrite ? "w" : "-", f.OwnerCanExecute ? "x" : "-",
        f.GroupCanRead ? "r" : "-", f.GroupCanWrite ? "w" : "-", f.GroupCanExecute ? "x" : "-",
        f.OthersCanRead ? "r" : "-", f.OthersCanWrite ? "w" : "-", f.OthersCanExecute ? "x" : "-");
}

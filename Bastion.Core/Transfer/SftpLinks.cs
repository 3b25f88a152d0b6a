using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Core.Transfer;

/// <summary>
/// What the symbolic links of a listing point at (issue 14: the panel offers Download for a link to a file, opens a
/// link to a directory, and says why a dangling one cannot be opened). A directory listing carries each link's own
/// attributes (SSH_FXP_READDIR reports them as lstat does), so each link costs one more request that follows it.
/// </summary>
internal static class SftpLinks
{
    /// <summary>Policy: links are resolved this many at a time (SFTP requests are pipelined on the one channel), so a
    /// directory full of links (<c>/etc/alternatives</c>) costs round trips in batches, not one after another, and
    /// never more requests in flight than this.</summary>
    public const int ResolveBatch = 32;

    public const string File = "file";
    public const string Directory = "dir";
    public const string Missing = "missing";
    public const string Denied = "denied";
    public const string Other = "other";

    public static async Task ResolveAsync(SftpClient client, List<RemoteEntry> entries, CancellationToken cancellationToken)
    {
        var links = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Kind == "link")
            {
                links.Add(i);
            }
        }

        foreach (var batch in links.Chunk(ResolveBatch))
        {
            var resolved = await Task.WhenAll(batch.Select(i => ResolveAsync(client, entries[i], cancellationToken)));
            for (var j = 0; j < batch.Length; j++)
            {
                entries[batch[j]] = resolved[j];
            }
        }
    }

    /// <summary>The link with its <see cref="RemoteEntry.Target"/>; a link to a file takes the file's size.</summary>
    public static async Task<RemoteEntry> ResolveAsync(SftpClient client, RemoteEntry link, CancellationToken cancellationToken)
    {
        try
        {
            // SSH.NET's GetAttributes asks for the canonical path first (SSH_FXP_REALPATH, which OpenSSH's sftp-server
            // answers with realpath(3): the link's target), then its attributes; a dangling link fails to resolve
            // and comes back as the link itself.
            var target = await client.GetAttributesAsync(link.Path, cancellationToken);
            return target switch
            {
                { IsRegularFile: true } => link with { Size = target.Size, Target = File },
                { IsDirectory: true } => link with { Target = Directory },
                { IsSymbolicLink: true } => link with { Target = Missing },
                _ => link with { Target = Other },
            };
        }
        catch (SftpPathNotFoundException)
        {
            return link with { Target = Missing };
        }
        catch (SftpPermissionDeniedException)
        {
            return link with { Target = Denied };
        }
        catch (SshException) when (!cancellationToken.IsCancellationRequested)
        {
            return link with { Target = Other };
        }
    }
}

using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Core.Transfer;

/// <summary>
/// What the symbolic links of a listing point at (issue 14: the panel offers Download for a link to a file, opens a
/// link to a directory, and says why a dangling one cannot be opened). A directory listing carries each link's own
/// attributes (SSH_FXP_READDIR reports them as lstat does), so following a link costs two more requests: SSH.NET's
/// <c>GetAttributesAsync</c> sends SSH_FXP_REALPATH (the link's target) and then SSH_FXP_LSTAT of that target.
/// The pass is bounded (<see cref="MaxResolved"/> links, <see cref="ResolveBudget"/> in all): the links past the bound
/// are <see cref="Unknown"/>, which the panel opens by trying (a directory lists, a file lists as that one file).
/// </summary>
internal static class SftpLinks
{
    /// <summary>Policy: links are resolved this many at a time (SFTP requests are pipelined on the one channel), so a
    /// directory full of links (<c>/etc/alternatives</c>) costs round trips in batches, not one after another, and
    /// never more requests in flight than twice this.</summary>
    public const int ResolveBatch = 32;

    /// <summary>Policy: at most this many links of one listing are resolved, the first by name (the order the panel
    /// shows them in); the rest are <see cref="Unknown"/>. A listing holds up to <c>Transfer:MaxListEntries</c>
    /// entries, which would otherwise be twice as many requests, one batch after another.</summary>
    public const int MaxResolved = 256;

    /// <summary>Policy: the whole pass stops after this long (a slow host, a stalled sftp-server); the links not
    /// resolved by then are <see cref="Unknown"/> and the listing answers with what it has.</summary>
    public static readonly TimeSpan ResolveBudget = TimeSpan.FromSeconds(5);

    public const string File = "file";
    public const string Directory = "dir";
    public const string Missing = "missing";
    public const string Denied = "denied";
    public const string Other = "other";

    /// <summary>Not resolved: past <see cref="MaxResolved"/> or <see cref="ResolveBudget"/>.</summary>
    public const string Unknown = "unknown";

    /// <summary>Resolves the links among <paramref name="entries"/> in place, within the bounds. A lost connection
    /// (<see cref="SshConnectionException"/>) is thrown, not reported link by link: the listing fails as a whole.</summary>
    public static async Task ResolveAsync(SftpClient client, List<RemoteEntry> entries, CancellationToken cancellationToken)
    {
        var links = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Kind == "link")
            {
                entries[i] = entries[i] with { Target = Unknown };
                links.Add(i);
            }
        }

        if (links.Count == 0)
        {
            return;
        }

        links.Sort((a, b) => string.CompareOrdinal(entries[a].Name, entries[b].Name));
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(ResolveBudget);
        foreach (var batch in links.Take(MaxResolved).Chunk(ResolveBatch))
        {
            var resolved = await Task.WhenAll(batch.Select(i => ResolveAsync(client, entries[i], budget.Token, cancellationToken)));
            for (var j = 0; j < batch.Length; j++)
            {
                entries[batch[j]] = resolved[j];
            }

            if (budget.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return;
            }
        }
    }

    /// <summary>The link with its <see cref="RemoteEntry.Target"/> (a link to a file takes the file's size), or
    /// <see cref="Unknown"/> once <paramref name="budget"/> is spent.</summary>
    private static async Task<RemoteEntry> ResolveAsync(
        SftpClient client, RemoteEntry link, CancellationToken budget, CancellationToken cancellationToken)
    {
        try
        {
            // REALPATH, which OpenSSH's sftp-server answers with realpath(3) (the link's target), then LSTAT of it;
            // a dangling link fails to resolve and comes back as the link itself.
            var target = await client.GetAttributesAsync(link.Path, budget);
            return target switch
            {
                { IsRegularFile: true } => link with { Size = target.Size, Target = File },
                { IsDirectory: true } => link with { Target = Directory },
                { IsSymbolicLink: true } => link with { Target = Missing },
                _ => link with { Target = Other },
            };
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return link with { Target = Unknown };
        }
        catch (SftpPathNotFoundException)
        {
            return link with { Target = Missing };
        }
        catch (SftpPermissionDeniedException)
        {
            return link with { Target = Denied };
        }
        catch (SshException ex) when (ex is not SshConnectionException && !cancellationToken.IsCancellationRequested)
        {
            return link with { Target = Other };
        }
    }
}

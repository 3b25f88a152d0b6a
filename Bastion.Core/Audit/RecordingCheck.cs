using System.Buffers;
using System.Security.Cryptography;

namespace Bastion.Core.Audit;

/// <summary>
/// Reads one recording once and compares it with what the chain claims: for each checkpoint (in order of length), the
/// hash of that many leading bytes; then the whole file against the final hash. Returns the first claim the file no
/// longer matches, so a cut or an edit in the middle is named by the checkpoint right after it.
/// </summary>
internal static class RecordingCheck
{
    public static async Task<(long Sequence, string Problem)?> FirstMismatchAsync(string path, RecordingClaims claims, CancellationToken cancellationToken)
    {
        var checkpoints = claims.Checkpoints.OrderBy(c => c.Bytes).ThenBy(c => c.Sequence).ToList();
        if (checkpoints.Count == 0 && claims.Final is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            var first = checkpoints.Count > 0 ? checkpoints[0].Sequence : claims.Final!.Value.Sequence;
            return (first, $"recording {claims.File} of session {claims.SessionId} is missing");
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long position = 0;
            foreach (var (sequence, bytes, sha) in checkpoints)
            {
                position += await HashUpToAsync(file, hash, buffer, bytes - position, cancellationToken);
                if (position < bytes)
                {
                    return (sequence, $"recording {claims.File} of session {claims.SessionId} is {position} bytes, shorter than the {bytes} bytes of checkpoint {sequence}: it was cut");
                }

                if (!string.Equals(Convert.ToHexStringLower(hash.GetCurrentHash()), sha, StringComparison.Ordinal))
                {
                    return (sequence, $"recording {claims.File} of session {claims.SessionId} does not match checkpoint {sequence} (its first {bytes} bytes were edited or cut)");
                }
            }

            if (claims.Final is { } final)
            {
                await HashUpToAsync(file, hash, buffer, long.MaxValue, cancellationToken);
                if (!string.Equals(Convert.ToHexStringLower(hash.GetCurrentHash()), final.Sha256, StringComparison.Ordinal))
                {
                    return (final.Sequence, $"recording {claims.File} of session {claims.SessionId} does not match the final hash in event {final.Sequence} (edited, cut or extended)");
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Feeds up to <paramref name="count"/> more bytes of the file into the hash; returns how many there were.</summary>
    private static async Task<long> HashUpToAsync(FileStream file, IncrementalHash hash, byte[] buffer, long count, CancellationToken cancellationToken)
    {
        long done = 0;
        while (done < count)
        {
            var want = (int)Math.Min(buffer.Length, count - done);
            var read = await file.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
            if (read == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            done += read;
        }

        return done;
    }
}

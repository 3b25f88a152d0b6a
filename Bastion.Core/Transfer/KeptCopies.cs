using Bastion.Core.Validation;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Transfer;

/// <summary>
/// The copies of transferred files kept for auditors (<see cref="TransferOptions.KeepCopies"/>, off by default), one
/// file per transfer under <see cref="TransferOptions.KeepCopiesDirectory"/>/&lt;session id&gt;/&lt;copy id&gt;. Two
/// bounds: <see cref="TransferOptions.KeepCopiesMaxFileBytes"/> per file and <see cref="TransferOptions.KeepCopiesMaxTotalBytes"/>
/// for all of them. Policy when either would be passed: <b>skip</b>: the transfer goes on without a copy, and its audit
/// event says <c>copyKept=false</c> with the reason. Space is reserved before a copy starts (the file's size when it
/// is known, else the per-file bound), so copies written at the same time cannot pass the total between them.
/// </summary>
internal sealed class KeptCopies(IOptions<TransferOptions> options)
{
    private readonly Lock _lock = new();
    private long? _used;

    private TransferOptions Options => options.Value;

    /// <summary>Starts a copy for a transfer of <paramref name="expectedBytes"/> (null: not known in advance); null
    /// with the reason when copies are off or there is no room.</summary>
    public (KeptCopy? Copy, FieldMessage? Reason) Begin(string sessionId, long? expectedBytes)
    {
        var o = Options;
        if (!o.KeepCopies)
        {
            return (null, null);
        }

        if (expectedBytes > o.KeepCopiesMaxFileBytes)
        {
            return (null, ReplyMessages.CopyTooLarge(SftpErrors.Bytes(o.KeepCopiesMaxFileBytes)));
        }

        var reserved = expectedBytes ?? o.KeepCopiesMaxFileBytes;
        lock (_lock)
        {
            _used ??= Measure(o.KeepCopiesDirectory);
            if (_used + reserved > o.KeepCopiesMaxTotalBytes)
            {
                return (null, ReplyMessages.CopyStoreFull(SftpErrors.Bytes(o.KeepCopiesMaxTotalBytes)));
            }

            _used += reserved;
        }

        try
        {
            var directory = Path.Combine(o.KeepCopiesDirectory, sessionId);
            Directory.CreateDirectory(directory);
            return (new KeptCopy(this, directory, reserved, o.KeepCopiesMaxFileBytes), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Release(reserved, 0);
            return (null, ReplyMessages.CopyNotStarted(ex.Message));
        }
    }

    /// <summary>The kept copy's file, if the ids are well formed and it exists (never a path outside the store).</summary>
    public string? PathOf(string sessionId, string copyId)
    {
        if (!KeptCopy.IsId(copyId) || !IsSessionId(sessionId))
        {
            return null;
        }

        var path = Path.Combine(Options.KeepCopiesDirectory, sessionId, copyId);
        return File.Exists(path) ? path : null;
    }

    /// <summary>A copy is done (kept: <paramref name="keptBytes"/> stay used) or dropped (0): gives back the rest of
    /// what it reserved.</summary>
    internal void Release(long reserved, long keptBytes)
    {
        lock (_lock)
        {
            _used = (_used ?? 0) - reserved + keptBytes;
        }
    }

    private static bool IsSessionId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static long Measure(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        // Temporary files left by a crash count too; they are small in number and removed by an admin.
        return new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
    }
}

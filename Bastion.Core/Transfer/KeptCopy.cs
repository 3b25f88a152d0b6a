using Bastion.Core.Validation;

namespace Bastion.Core.Transfer;

/// <summary>
/// One transfer's copy while it streams (<see cref="KeptCopies"/>): the bytes are appended to a hidden temporary file
/// beside the final one and the file is renamed to its id only when the transfer completed, so a copy is either
/// whole or absent. Passing the per-file bound, a failed write (a full disk) or a failed transfer drops the copy,
/// never the transfer; <see cref="Reason"/> then says why. Never holds more than the write in hand.
/// </summary>
internal sealed class KeptCopy : IAsyncDisposable
{
    private const int FileBufferBytes = 256 * 1024;

    private readonly KeptCopies _store;
    private readonly long _reserved;
    private readonly long _maxBytes;
    private readonly string _temporary;
    private readonly string _final;
    private FileStream? _file;
    private bool _settled;

    internal KeptCopy(KeptCopies store, string directory, long reserved, long maxBytes)
    {
        _store = store;
        _reserved = reserved;
        _maxBytes = maxBytes;
        Id = Guid.NewGuid().ToString("N");
        _final = Path.Combine(directory, Id);
        _temporary = Path.Combine(directory, $".{Id}.part");
        _file = new FileStream(_temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = FileBufferBytes,
            Options = FileOptions.Asynchronous,
        });
    }

    /// <summary>The copy's name in the store, recorded in the audit event as <c>copyId</c>.</summary>
    public string Id { get; }

    public long Bytes { get; private set; }

    /// <summary>Why the copy was dropped; null while it is still being written or once kept.</summary>
    public FieldMessage? Reason { get; private set; }

    public bool IsKept { get; private set; }

    public static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    /// <summary>Appends the bytes that just passed; past the bound or on a write error the copy is dropped.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (_file is null)
        {
            return;
        }

        if (Bytes + bytes.Length > _maxBytes)
        {
            await DropAsync(ReplyMessages.CopyTooLarge(SftpErrors.Bytes(_maxBytes)));
            return;
        }

        try
        {
            await _file.WriteAsync(bytes, cancellationToken);
            Bytes += bytes.Length;
        }
        catch (IOException ex)
        {
            await DropAsync(ReplyMessages.CopyNotWritten(ex.Message));
        }
    }

    /// <summary>The transfer completed: flush to disk and give the copy its name. False (with the reason) if it was
    /// dropped on the way or cannot be completed.</summary>
    public async Task<bool> KeepAsync()
    {
        if (_file is not { } file)
        {
            return false;
        }

        try
        {
            await file.FlushAsync(CancellationToken.None);
            file.Flush(flushToDisk: true);
            await file.DisposeAsync();
            _file = null;
            File.Move(_temporary, _final);
            IsKept = true;
            Settle(Bytes);
            return true;
        }
        catch (IOException ex)
        {
            await DropAsync(ReplyMessages.CopyNotCompleted(ex.Message));
            return false;
        }
    }

    /// <summary>The transfer failed or was cancelled: no copy.</summary>
    public Task DropAsync(FieldMessage reason) => DropCoreAsync(reason);

    public async ValueTask DisposeAsync()
    {
        if (!_settled)
        {
            await DropCoreAsync(ReplyMessages.CopyTransferIncomplete);
        }
    }

    private async Task DropCoreAsync(FieldMessage reason)
    {
        if (_file is { } file)
        {
            _file = null;
            try
            {
                await file.DisposeAsync();
            }
            catch (IOException)
            {
                // The disk failed the buffered tail; the file is deleted next either way.
            }
        }

        try
        {
            File.Delete(_temporary);
        }
        catch (IOException)
        {
            // Hidden and named .part; counted in the store's total until an admin removes it.
        }

        Reason ??= reason;
        Settle(0);
    }

    private void Settle(long kept)
    {
        if (!_settled)
        {
            _settled = true;
            _store.Release(_reserved, kept);
        }
    }
}

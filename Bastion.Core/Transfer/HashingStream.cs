using System.Security.Cryptography;

namespace Bastion.Core.Transfer;

/// <summary>
/// Passes bytes through to or from <paramref name="inner"/> unchanged, counting them and hashing them with SHA-256 on
/// the way, so the audit event names exactly the bytes that moved without the file ever being held. Reading stops
/// with <see cref="FileTooLargeException"/> once more than <paramref name="maxBytes"/> have passed (the upload bound);
/// only async reads and writes are supported, as Kestrel's request and response bodies require. With a
/// <paramref name="copy"/>, the same bytes are appended to the transfer's kept copy as they pass.
/// A read fills the caller's buffer unless the body ends first: Kestrel hands out what one socket read brought (often a
/// few KiB), and SSH.NET sends one SFTP write per read, so passing those on would mean many small SFTP requests.
/// </summary>
internal sealed class HashingStream(Stream inner, bool read, long maxBytes, KeptCopy? copy = null) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _sha256;

    public long Bytes { get; private set; }

    /// <summary>The hex SHA-256 of what has passed; the hash is final after the first call.</summary>
    public string Sha256 => _sha256 ??= Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override bool CanRead => read;

    public override bool CanWrite => !read;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Bytes; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        Count(buffer.Span[..n]);
        if (copy is not null && n > 0)
        {
            await copy.WriteAsync(buffer[..n], cancellationToken);
        }

        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
        if (copy is not null)
        {
            await copy.WriteAsync(buffer, cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    // Kestrel's bodies refuse synchronous I/O; so does this stream, so a library that would block a thread per transfer
    // is found by the tests instead of in production.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous read");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous write");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        Bytes += bytes.Length;
        if (Bytes > maxBytes)
        {
            throw new FileTooLargeException(maxBytes);
        }

        _hash.AppendData(bytes);
    }
}

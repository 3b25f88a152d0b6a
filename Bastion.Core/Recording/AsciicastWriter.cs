using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Telemetry;
using Bastion.Core.Terminal;

namespace Bastion.Core.Recording;

/// <summary>
/// One recording file as asciicast v2 lines. Event lines are encoded by <see cref="CastJson"/> straight into the pending
/// array (the header, once, by a JSON writer). Each line is hashed as it is written, so ending a session does not read
/// the whole recording back (up to <c>Recording:MaxBytes</c>). Used by the recorder's one writer task only.
/// <para>
/// Buffers (issue 12: memory per idle session, CPU and allocation per MB): lines are gathered in one pending array of
/// <see cref="PendingBytes"/> rented from <see cref="RelayBuffers"/> (the size of the output pump's byte batch, so no
/// size of its own in that pool) and written to the file when it is full; a line longer than the array is written in
/// array-sized parts. The array is let go at every flush (the recorder flushes when it goes idle), so an idle session's
/// recorder holds none. The file itself is unbuffered.
/// </para>
/// </summary>
internal sealed class AsciicastWriter : IAsyncDisposable
{
    /// <summary>Lines gathered before a write to the file; a line that may not fit is started after them.</summary>
    public const int PendingBytes = 32 * 1024;

    /// <summary>The header's line writer's first capacity.</summary>
    public const int LineStartBytes = 1024;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[]? _pending;
    private int _pendingCount;
    private int _lineStart;
    private long _lineSpilled;
    private bool _closed;

    /// <summary>Creates the file; it must not exist.</summary>
    public AsciicastWriter(string path)
    {
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    /// <summary>Bytes written so far, whole lines (some may still be buffered).</summary>
    public long Written { get; private set; }

    /// <summary>The file's position, buffered bytes included.</summary>
    public long Position => _file.Position + _pendingCount;

    /// <summary>Bytes of buffers this writer holds now (the pending array): none after a flush.</summary>
    public int HeldBufferBytes => _pending?.Length ?? 0;

    public void WriteHeader(int cols, int rows, DateTimeOffset timestamp, string title)
    {
        var line = new ArrayBufferWriter<byte>(LineStartBytes);
        using var json = new Utf8JsonWriter(line, JsonOptions);
        json.WriteStartObject();
        json.WriteNumber("version", 2);
        json.WriteNumber("width", cols);
        json.WriteNumber("height", rows);
        json.WriteNumber("timestamp", timestamp.ToUnixTimeSeconds());
        json.WriteString("title", TextSafety.ReplaceLoneSurrogates(title));
        json.WriteStartObject("env");
        json.WriteString("TERM", "xterm-256color");
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        line.Write("\n"u8);
        EndLine(line.WrittenSpan);
    }

    /// <summary>One event line: <c>[offset, kind, text]</c>.</summary>
    public void WriteEvent(double offset, char kind, string text) => WriteEvent(offset, kind, text.AsSpan());

    /// <summary>One event line from a span (the recorder's pooled output), with no string made on the way: written
    /// straight into the pending array by <see cref="CastJson"/> (issue 12), byte for byte the line the JSON writer made.
    /// A line longer than the pending array goes to the file in pending-array-sized writes.</summary>
    public void WriteEvent(double offset, char kind, ReadOnlySpan<char> text)
    {
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 && TextSafety.ReplaceLoneSurrogates(text.ToString()) is var safe)
        {
            text = safe;
        }

        _pending ??= RelayBuffers.Bytes.Rent(PendingBytes);
        if (_pendingCount + Math.Min((6L * text.Length) + 64, PendingBytes) > PendingBytes)
        {
            // As before: a line that may not fit behind the pending lines is started after them.
            WritePending();
        }

        _lineStart = _pendingCount;
        _lineSpilled = 0;
        Span<byte> time = stackalloc byte[64];
        Put("["u8);
        if (offset.TryFormat(time, out var length, "0.000000", CultureInfo.InvariantCulture))
        {
            Put(time[..length]);
        }
        else
        {
            Put(Encoding.UTF8.GetBytes(offset.ToString("0.000000", CultureInfo.InvariantCulture)));
        }

        Put(",\""u8);
        Span<char> kindText = [kind];
        PutEscaped(kindText);
        Put("\",\""u8);
        PutEscaped(text);
        Put("\"]\n"u8);
        var bytes = _pending.AsSpan(_lineStart, _pendingCount - _lineStart);
        _hash.AppendData(bytes);
        var lineBytes = _lineSpilled + bytes.Length;
        Written += lineBytes;
        BastionInstruments.RecorderBytes.Add(lineBytes);
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            Reserve(1);
            var take = Math.Min(bytes.Length, PendingBytes - _pendingCount);
            bytes[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            bytes = bytes[take..];
        }
    }

    private void PutEscaped(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            Reserve(CastJson.MaxStepBytes);
            _pendingCount += CastJson.Encode(text, _pending.AsSpan(_pendingCount, PendingBytes - _pendingCount), out var consumed);
            text = text[consumed..];
        }
    }

    /// <summary>Makes room for <paramref name="bytes"/> in the pending array: a line longer than the array is written
    /// as far as it goes (hashed once written), and goes on at the array's start.</summary>
    private void Reserve(int bytes)
    {
        if (_pendingCount + bytes <= PendingBytes)
        {
            return;
        }

        try
        {
            _file.Write(_pending!, 0, _pendingCount);
        }
        catch
        {
            // As WritePendingAsync: the whole lines before this one stay pending (a retry at close writes them, and the
            // running hash already covers them); only this line's part is dropped (not hashed), so no torn line is
            // added.
            _pendingCount = _lineStart;
            throw;
        }

        var part = _pending.AsSpan(_lineStart, _pendingCount - _lineStart);
        _hash.AppendData(part);
        _lineSpilled += part.Length;
        _pendingCount = 0;
        _lineStart = 0;
    }

    /// <summary>Writes the pending lines to the file and lets the buffers go (<see cref="HeldBufferBytes"/> is 0 after).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await WritePendingAsync(cancellationToken);
        if (_pending is { } pending)
        {
            _pending = null;
            RelayBuffers.Bytes.Return(pending);
        }

        await _file.FlushAsync(cancellationToken);
    }

    /// <summary>Lower-case hex SHA-256 of every line written so far.</summary>
    public string CurrentSha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    /// <summary>Closes the file; an <see cref="IOException"/> means its last buffered lines could not be written (a
    /// full disk), and the file is closed without them. <see cref="DisposeAsync"/> does not try again.</summary>
    public async ValueTask CloseAsync()
    {
        _closed = true;
        try
        {
            await FlushAsync();
        }
        finally
        {
            await _file.DisposeAsync();
        }
    }

    /// <summary>Lower-case hex SHA-256 of every line written, once the file is closed.</summary>
    public string FinalSha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    /// <summary>The size and hash of the file as it is on disk (after a write error it may differ from what was
    /// written); null when it cannot be read or hashed.</summary>
    public static async Task<(long Bytes, string? Sha256)> HashFileAsync(string path)
    {
        long bytes = 0;
        try
        {
            await using var read = File.OpenRead(path);
            bytes = read.Length;
            return (bytes, Convert.ToHexStringLower(await SHA256.HashDataAsync(read)));
        }
        catch (IOException)
        {
            return (bytes, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            // Only a refused or abandoned recording is disposed this way; its unwritten lines are not evidence.
            try
            {
                WritePending();
            }
            catch (IOException)
            {
            }

            try
            {
                await _file.DisposeAsync();
            }
            catch (IOException)
            {
            }
        }

        if (_pending is { } pending)
        {
            _pending = null;
            RelayBuffers.Bytes.Return(pending);
        }

        _hash.Dispose();
    }

    /// <summary>A whole line (the header): behind the pending lines, or written through when longer than the array.</summary>
    private void EndLine(ReadOnlySpan<byte> bytes)
    {
        if (_pendingCount + bytes.Length > PendingBytes)
        {
            WritePending();
        }

        if (bytes.Length > PendingBytes)
        {
            _file.Write(bytes);
        }
        else
        {
            _pending ??= RelayBuffers.Bytes.Rent(PendingBytes);
            bytes.CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += bytes.Length;
        }

        _hash.AppendData(bytes);
        Written += bytes.Length;
        BastionInstruments.RecorderBytes.Add(bytes.Length);
    }

    private void WritePending()
    {
        if (_pendingCount > 0)
        {
            _file.Write(_pending!, 0, _pendingCount);
            _pendingCount = 0;
        }
    }

    private async ValueTask WritePendingAsync(CancellationToken cancellationToken)
    {
        if (_pendingCount > 0)
        {
            // Counted as written only once the write succeeded: a failed write (disk full) leaves the lines pending, as
            // the synchronous path does, instead of dropping lines the running hash already covers.
            await _file.WriteAsync(_pending.AsMemory(0, _pendingCount), cancellationToken);
            _pendingCount = 0;
        }
    }
}

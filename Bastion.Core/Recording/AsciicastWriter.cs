using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Telemetry;
using Bastion.Core.Terminal;

namespace Bastion.Core.Recording;

/// <summary>
/// One recording file as asciicast v2 lines, written through one reused JSON writer. Each line is hashed as it is
/// written, so ending a session does not read the whole recording back (up to <c>Recording:MaxBytes</c>). Used by the
/// recorder's one writer task only.
/// <para>
/// Buffers (issue 12: memory per idle session): lines are gathered in a pending array of at most
/// <see cref="PendingBytes"/> rented from <see cref="RelayBuffers"/>, and the line being formatted in a writer that starts
/// at <see cref="LineStartBytes"/> and grows with the longest line; both are let go at every flush (the recorder flushes
/// when it goes idle), so an idle session's recorder holds neither. The file itself is unbuffered.
/// </para>
/// </summary>
internal sealed class AsciicastWriter : IAsyncDisposable
{
    /// <summary>Lines gathered before a write to the file; a line that does not fit is written after them, through.</summary>
    public const int PendingBytes = 16 * 1024;

    /// <summary>The line writer's first capacity after each flush.</summary>
    public const int LineStartBytes = 1024;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ArrayBufferWriter<byte>? _line;
    private Utf8JsonWriter? _json;
    private byte[]? _pending;
    private int _pendingCount;
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

    /// <summary>Bytes of buffers this writer holds now (the pending array and the line writer): none after a flush.</summary>
    public int HeldBufferBytes => (_pending?.Length ?? 0) + (_line?.Capacity ?? 0);

    public void WriteHeader(int cols, int rows, DateTimeOffset timestamp, string title)
    {
        var json = Json();
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
        EndLine();
    }

    /// <summary>One event line: <c>[offset, kind, text]</c>.</summary>
    public void WriteEvent(double offset, char kind, string text) => WriteEvent(offset, kind, text.AsSpan());

    /// <summary>One event line from a span (the recorder's pooled output), with no string made on the way.</summary>
    public void WriteEvent(double offset, char kind, ReadOnlySpan<char> text)
    {
        Span<byte> time = stackalloc byte[32];
        var json = Json();
        json.WriteStartArray();
        if (offset.TryFormat(time, out var length, "0.000000", CultureInfo.InvariantCulture))
        {
            json.WriteRawValue(time[..length], skipInputValidation: true);
        }
        else
        {
            json.WriteRawValue(offset.ToString("0.000000", CultureInfo.InvariantCulture));
        }

        json.WriteStringValue(kind switch { 'o' => "o", 'i' => "i", 'r' => "r", 'm' => "m", _ => kind.ToString() });
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            json.WriteStringValue(text);
        }
        else
        {
            json.WriteStringValue(TextSafety.ReplaceLoneSurrogates(text.ToString()));
        }

        json.WriteEndArray();
        EndLine();
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

        _line = null;
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

        if (_json is not null)
        {
            await _json.DisposeAsync();
        }

        _hash.Dispose();
    }

    /// <summary>The JSON writer over a line writer, made again after a flush let the last one go.</summary>
    private Utf8JsonWriter Json()
    {
        if (_line is null)
        {
            _line = new ArrayBufferWriter<byte>(LineStartBytes);
            if (_json is null)
            {
                // Relaxed escaping: the file is JSON for players, never embedded in HTML, and this writer is the
                // recorder's hot path (control characters are still escaped as JSON requires).
                _json = new Utf8JsonWriter(_line, JsonOptions);
            }
            else
            {
                _json.Reset(_line);
            }
        }

        return _json!;
    }

    private void EndLine()
    {
        var json = _json!;
        var line = _line!;
        json.Flush();
        line.Write("\n"u8);
        var bytes = line.WrittenSpan;
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
        line.ResetWrittenCount();
        json.Reset(line);
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

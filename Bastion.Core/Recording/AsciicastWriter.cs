using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Telemetry;

namespace Bastion.Core.Recording;

/// <summary>
/// One recording file as asciicast v2 lines, written through one reused JSON writer. Each line is hashed as it is
/// written, so ending a session does not read the whole recording back (up to <c>Recording:MaxBytes</c>). Used by the
/// recorder's one writer task only.
/// </summary>
internal sealed class AsciicastWriter : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _json;
    private bool _closed;

    /// <summary>Creates the file; it must not exist.</summary>
    public AsciicastWriter(string path)
    {
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 16 * 1024); // held per session (issue 12); a flood's lines are larger and written through
        // Relaxed escaping: the file is JSON for players, never embedded in HTML, and this writer is the recorder's
        // hot path (control characters are still escaped as JSON requires).
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    /// <summary>Bytes written so far, whole lines (some may still be buffered).</summary>
    public long Written { get; private set; }

    /// <summary>The file's position, buffered bytes included.</summary>
    public long Position => _file.Position;

    public void WriteHeader(int cols, int rows, DateTimeOffset timestamp, string title)
    {
        _json.WriteStartObject();
        _json.WriteNumber("version", 2);
        _json.WriteNumber("width", cols);
        _json.WriteNumber("height", rows);
        _json.WriteNumber("timestamp", timestamp.ToUnixTimeSeconds());
        _json.WriteString("title", TextSafety.ReplaceLoneSurrogates(title));
        _json.WriteStartObject("env");
        _json.WriteString("TERM", "xterm-256color");
        _json.WriteEndObject();
        _json.WriteEndObject();
        EndLine();
    }

    /// <summary>One event line: <c>[offset, kind, text]</c>.</summary>
    public void WriteEvent(double offset, char kind, string text) => WriteEvent(offset, kind, text.AsSpan());

    /// <summary>One event line from a span (the recorder's pooled output), with no string made on the way.</summary>
    public void WriteEvent(double offset, char kind, ReadOnlySpan<char> text)
    {
        Span<byte> time = stackalloc byte[32];
        _json.WriteStartArray();
        if (offset.TryFormat(time, out var length, "0.000000", CultureInfo.InvariantCulture))
        {
            _json.WriteRawValue(time[..length], skipInputValidation: true);
        }
        else
        {
            _json.WriteRawValue(offset.ToString("0.000000", CultureInfo.InvariantCulture));
        }

        _json.WriteStringValue(kind switch { 'o' => "o", 'i' => "i", 'r' => "r", 'm' => "m", _ => kind.ToString() });
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            _json.WriteStringValue(text);
        }
        else
        {
            _json.WriteStringValue(TextSafety.ReplaceLoneSurrogates(text.ToString()));
        }

        _json.WriteEndArray();
        EndLine();
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => _file.FlushAsync(cancellationToken);

    /// <summary>Lower-case hex SHA-256 of every line written so far.</summary>
    public string CurrentSha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    /// <summary>Closes the file; an <see cref="IOException"/> means its last buffered lines could not be written (a
    /// full disk), and the file is closed without them. <see cref="DisposeAsync"/> does not try again.</summary>
    public ValueTask CloseAsync()
    {
        _closed = true;
        return _file.DisposeAsync();
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
            try
            {
                await _file.DisposeAsync();
            }
            catch (IOException)
            {
                // Only a refused or abandoned recording is disposed this way; its unwritten buffer is not evidence.
            }
        }

        await _json.DisposeAsync();
        _hash.Dispose();
    }

    private void EndLine()
    {
        _json.Flush();
        _line.Write("\n"u8);
        _file.Write(_line.WrittenSpan);
        _hash.AppendData(_line.WrittenSpan);
        Written += _line.WrittenCount;
        BastionInstruments.RecorderBytes.Add(_line.WrittenCount);
        _line.ResetWrittenCount();
        _json.Reset(_line);
    }
}

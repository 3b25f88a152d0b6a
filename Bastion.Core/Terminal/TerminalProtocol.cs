using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bastion.Core.Terminal;

/// <summary>
/// Parses browser messages and writes server messages (docs/PROTOCOL.md). Pure: no I/O, so it is unit-tested and
/// fuzzed directly. Parsing never throws on any input; a bad message becomes <see cref="ClientMessageKind.Invalid"/>.
/// </summary>
internal static class TerminalProtocol
{
    // Output travels in a JSON string inside a WebSocket frame, never into HTML, so the relaxed encoder is safe here:
    // it still escapes quotes, backslashes and control characters, but leaves CJK and other text unescaped (a third of
    // the size of \uXXXX escapes for CJK-heavy output).
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static ClientMessage Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > TerminalLimits.MaxClientMessageBytes)
        {
            return ClientMessage.Invalid("message too large");
        }

        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ClientMessage.Invalid("a message must be a JSON object");
            }

            string? flag = null, data = null;
            int? cols = null, rows = null;
            long? bytes = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    return ClientMessage.Invalid("truncated message");
                }

                switch (name)
                {
                    case "flag" when reader.TokenType == JsonTokenType.String:
                        flag = reader.GetString();
                        break;
                    case "data" when reader.TokenType == JsonTokenType.String:
                        data = reader.GetString();
                        break;
                    case "cols" when reader.TokenType == JsonTokenType.Number:
                        cols = reader.TryGetInt32(out var c) ? c : -1;
                        break;
                    case "rows" when reader.TokenType == JsonTokenType.Number:
                        rows = reader.TryGetInt32(out var r) ? r : -1;
                        break;
                    case "bytes" when reader.TokenType == JsonTokenType.Number:
                        bytes = reader.TryGetInt64(out var b) ? b : -1;
                        break;
                    case "flag" or "data" or "cols" or "rows" or "bytes":
                        return ClientMessage.Invalid($"'{name}' has the wrong type");
                    default:
                        reader.Skip(); // unknown fields are ignored so clients can add their own
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return ClientMessage.Invalid("trailing data after the message");
            }

            return flag switch
            {
                "input" when data is not null => new ClientMessage(ClientMessageKind.Input, Data: data),
                "input" => ClientMessage.Invalid("'input' needs a string 'data'"),
                "resize" when cols is { } w && rows is { } h => TerminalLimits.IsValidSize(w, h)
                    ? new ClientMessage(ClientMessageKind.Resize, Cols: w, Rows: h)
                    : ClientMessage.Invalid(
                        $"terminal size must be {TerminalLimits.MinCols}..{TerminalLimits.MaxCols} columns and {TerminalLimits.MinRows}..{TerminalLimits.MaxRows} rows",
                        ErrorCodes.BadSize),
                "resize" => ClientMessage.Invalid("'resize' needs numeric 'cols' and 'rows'"),
                "ack" when bytes is > 0 => new ClientMessage(ClientMessageKind.Ack, Bytes: bytes.Value),
                "end" => new ClientMessage(ClientMessageKind.End),
                "notices" => new ClientMessage(ClientMessageKind.Notices),
                "ack" => ClientMessage.Invalid("'ack' needs a positive 'bytes'"),
                null => ClientMessage.Invalid("missing 'flag'"),
                _ => ClientMessage.Invalid("unknown flag"),
            };
        }
        catch (JsonException)
        {
            return ClientMessage.Invalid("malformed JSON");
        }
    }

    /// <summary>Writes <c>{"flag":"success","message":"..."}</c> for a run of decoded output (<see cref="OutputFrame"/>).</summary>
    public static void WriteOutput(IBufferWriter<byte> destination, ReadOnlySpan<char> text)
    {
        using var frame = OutputFrame.Encode(text);
        destination.Write(frame.Memory.Span);
    }

    /// <summary><c>{"flag":"error","code":"...","message":"...","args":{...},"failure":{"code":"...","args":{...}}}</c>:
    /// the English <paramref name="message"/> for every client, and the values it was made from (issue 14) so a
    /// browser words it in the user's language: <paramref name="args"/> (which limit, which host, how long) and, for a
    /// connection failure, <paramref name="failure"/>. Either is left out when there is none.</summary>
    public static byte[] Error(string code, string message, IReadOnlyDictionary<string, string>? args = null, CodedFailure? failure = null) => Serialize(w =>
    {
        w.WriteString("flag"u8, "error"u8);
        w.WriteString("code"u8, code);
        w.WriteString("message"u8, message);
        if (args is { Count: > 0 })
        {
            WriteArgs(w, args);
        }

        if (failure is not null)
        {
            w.WriteStartObject("failure"u8);
            w.WriteString("code"u8, failure.Code);
            WriteArgs(w, failure.Args);
            w.WriteEndObject();
        }
    });

    /// <summary><c>{"flag":"ready","sessionId":"...","attach":false,"recorded":true,"recordInput":false}</c>:
    /// <paramref name="attach"/> is true when the socket joined a session that was already running (its screen
    /// follows), false for a fresh shell; <paramref name="recorded"/> and <paramref name="recordInput"/> say whether
    /// the session's output, and its keystrokes, are recorded (the page shows it, issue 14).</summary>
    public static byte[] Ready(string sessionId, bool attach = false, bool recorded = false, bool recordInput = false) => Serialize(w =>
    {
        w.WriteString("flag"u8, "ready"u8);
        w.WriteString("sessionId"u8, sessionId);
        w.WriteBoolean("attach"u8, attach);
        w.WriteBoolean("recorded"u8, recorded);
        w.WriteBoolean("recordInput"u8, recordInput);
    });

    /// <summary><c>{"flag":"status","status":"queued"}</c> or <c>"connecting"</c>: where a connect that had to wait for
    /// a handshake slot stands (issue 12); sent only before <c>ready</c>.</summary>
    public static byte[] Status(string status) => Serialize(w =>
    {
        w.WriteString("flag"u8, "status"u8);
        w.WriteString("status"u8, status);
    });

    /// <summary><c>{"flag":"resync"}</c>: a watcher fell behind; the current screen follows (reset the terminal first).</summary>
    public static byte[] Resync() => Serialize(w => w.WriteString("flag"u8, "resync"u8));

    /// <summary><c>{"flag":"size","cols":C,"rows":R}</c>: the session's size (the owner's); watchers render at it.</summary>
    public static byte[] Size(int cols, int rows) => Serialize(w =>
    {
        w.WriteString("flag"u8, "size"u8);
        w.WriteNumber("cols"u8, cols);
        w.WriteNumber("rows"u8, rows);
    });

    /// <summary><c>{"flag":"participants","participants":[{"user":"ann","mode":"control"},...]}</c>, sent to everyone
    /// attached whenever someone joins or leaves (no silent watching).</summary>
    public static byte[] Participants(IEnumerable<(string User, string Mode)> participants) => Serialize(w =>
    {
        w.WriteString("flag"u8, "participants"u8);
        w.WriteStartArray("participants"u8);
        foreach (var (user, mode) in participants)
        {
            w.WriteStartObject();
            w.WriteString("user"u8, user);
            w.WriteString("mode"u8, mode);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private static void WriteArgs(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> args)
    {
        writer.WriteStartObject("args"u8);
        foreach (var (name, value) in args)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

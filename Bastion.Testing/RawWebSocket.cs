using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Bastion.Testing;

/// <summary>
/// A deliberately tiny RFC 6455 client for conformance tests: it sends exactly the bytes a test asks for and exposes
/// exactly what the server answered, with none of ClientWebSocket's validation in between. Plain ws:// only; for TLS
/// wrap your own stream in an SslStream and call <see cref="HandshakeAsync"/>. Every read and write is bounded by
/// <see cref="TestTimeouts.Default"/> in addition to the caller's token.
/// </summary>
public sealed partial class RawWebSocket : IAsyncDisposable
{
    /// <summary>RFC 6455 §1.3: appended to Sec-WebSocket-Key before hashing.</summary>
    public const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private const int MaxHeaderBytes = 64 * 1024;
    private const long MaxPayloadBytes = 64 * 1024 * 1024;

    private readonly TcpClient? _client;
    private readonly Stream _stream;
    private readonly Dictionary<string, string> _responseHeaders = new(StringComparer.OrdinalIgnoreCase);

    private RawWebSocket(TcpClient? client, Stream stream, string requestText, string requestKey)
    {
        _client = client;
        _stream = stream;
        RequestText = requestText;
        RequestKey = requestKey;
        ExpectedAccept = ComputeAccept(requestKey);
    }

    /// <summary>The handshake exactly as sent, CRLFs included.</summary>
    public string RequestText { get; }

    public string RequestKey { get; }

    /// <summary>base64(SHA-1(<see cref="RequestKey"/> + <see cref="AcceptGuid"/>)), RFC 6455 §4.2.2 step 5.4.</summary>
    public string ExpectedAccept { get; }

    public string StatusLine { get; private set; } = "";

    public int StatusCode { get; private set; }

    /// <summary>Response headers, case-insensitive; repeated headers are joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders => _responseHeaders;

    public string? ResponseAccept => _responseHeaders.GetValueOrDefault("Sec-WebSocket-Accept");

    public bool IsUpgraded => StatusCode == 101;

    /// <summary>
    /// Connects to <paramref name="uri"/> (ws:// or http://) and performs the handshake. Returns whatever the server
    /// answered, 101 or not. <paramref name="extraHeaders"/> are appended; one named like a default header
    /// (Host, Upgrade, Connection, Sec-WebSocket-Key, Sec-WebSocket-Version) replaces it, and a null value removes it.
    /// </summary>
    public static async Task<RawWebSocket> ConnectAsync(
        Uri uri,
        IEnumerable<KeyValuePair<string, string?>>? extraHeaders = null,
        CancellationToken cancellationToken = default)
    {
        if (uri.Scheme is not ("ws" or "http"))
        {
            throw new NotSupportedException($"RawWebSocket speaks plain ws:// only, not {uri.Scheme}://.");
        }

        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = Bounded(cancellationToken);
            await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
            return await HandshakeCoreAsync(client.GetStream(), uri.Authority, uri.PathAndQuery, extraHeaders, client, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Performs the handshake over an already connected stream (which the result then owns).</summary>
    public static Task<RawWebSocket> HandshakeAsync(
        Stream stream,
        string host,
        string pathAndQuery,
        IEnumerable<KeyValuePair<string, string?>>? extraHeaders = null,
        CancellationToken cancellationToken = default) =>
        HandshakeCoreAsync(stream, host, pathAndQuery, extraHeaders, null, cancellationToken);

    public static string ComputeAccept(string requestKey)
    {
#pragma warning disable CA5350 // RFC 6455 §4.2.2 mandates SHA-1 here; it is an interop check, not a security primitive.
        var hash = SHA1.HashData(Encoding.ASCII.GetBytes(requestKey + AcceptGuid));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// Encodes one frame: FIN/opcode byte, the shortest of the 7/16/64-bit length forms (RFC 6455 §5.2), then the
    /// mask key and masked payload when <paramref name="maskKey"/> is given.
    /// </summary>
    public static byte[] EncodeFrame(RawWebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool fin, ReadOnlySpan<byte> maskKey)
    {
        var lengthBytes = payload.Length <= 125 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var headerLength = 2 + lengthBytes + maskKey.Length;
        var frame = new byte[headerLength + payload.Length];
        frame[0] = (byte)((fin ? 0x80 : 0x00) | ((int)opcode & 0x0F));
        var maskBit = maskKey.IsEmpty ? 0x00 : 0x80;
        switch (lengthBytes)
        {
            case 0:
                frame[1] = (byte)(maskBit | payload.Length);
                break;
            case 2:
                frame[1] = (byte)(maskBit | 126);
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
                break;
            default:
                frame[1] = (byte)(maskBit | 127);
                BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
                break;
        }

        maskKey.CopyTo(frame.AsSpan(2 + lengthBytes));
        var body = frame.AsSpan(headerLength);
        payload.CopyTo(body);
        for (var i = 0; !maskKey.IsEmpty && i < body.Length; i++)
        {
            body[i] ^= maskKey[i % 4];
        }

        return frame;
    }

    public Task SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        SendFrameAsync(RawWebSocketOpcode.Text, Encoding.UTF8.GetBytes(text), cancellationToken: cancellationToken);

    public Task SendBinaryAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        SendFrameAsync(RawWebSocketOpcode.Binary, payload, cancellationToken: cancellationToken);

    public Task SendCloseAsync(int code, string reason = "", CancellationToken cancellationToken = default)
    {
        var payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, checked((ushort)code));
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return SendFrameAsync(RawWebSocketOpcode.Close, payload, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Sends one frame, masked with a fresh random key as RFC 6455 §5.3 requires of clients. Pass
    /// <paramref name="mask"/> = false to test that the server rejects unmasked client frames (§5.1).
    /// </summary>
    public Task SendFrameAsync(
        RawWebSocketOpcode opcode,
        ReadOnlyMemory<byte> payload,
        bool fin = true,
        bool mask = true,
        CancellationToken cancellationToken = default)
    {
        Span<byte> maskKey = stackalloc byte[4];
        RandomNumberGenerator.Fill(maskKey);
        return SendRawAsync(EncodeFrame(opcode, payload.Span, fin, mask ? maskKey : []), cancellationToken);
    }

    /// <summary>Writes bytes as they are: for malformed frames, or one frame split across several writes.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        using var timeout = Bounded(cancellationToken);
        await _stream.WriteAsync(bytes, timeout.Token);
        await _stream.FlushAsync(timeout.Token);
    }

    /// <summary>Reads the next frame; throws <see cref="EndOfStreamException"/> if the connection ends first.</summary>
    public async Task<RawWebSocketFrame> ReadFrameAsync(CancellationToken cancellationToken = default) =>
        await ReadFrameOrEndAsync(cancellationToken)
        ?? throw new EndOfStreamException("The server closed the TCP connection instead of sending a frame.");

    /// <summary>Reads the next frame, or returns null if the server closed TCP cleanly between frames.</summary>
    public async Task<RawWebSocketFrame?> ReadFrameOrEndAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = Bounded(cancellationToken);
        var token = timeout.Token;
        try
        {
            var header = new byte[8];
            if (await _stream.ReadAsync(header.AsMemory(0, 1), token) == 0)
            {
                return null;
            }

            await _stream.ReadExactlyAsync(header.AsMemory(1, 1), token);
            var fin = (header[0] & 0x80) != 0;
            var rsv = (header[0] >> 4) & 0x07;
            var opcode = (RawWebSocketOpcode)(header[0] & 0x0F);
            var masked = (header[1] & 0x80) != 0;
            long length = header[1] & 0x7F;
            if (length == 126)
            {
                await _stream.ReadExactlyAsync(header.AsMemory(0, 2), token);
                length = BinaryPrimitives.ReadUInt16BigEndian(header);
            }
            else if (length == 127)
            {
                await _stream.ReadExactlyAsync(header.AsMemory(0, 8), token);
                var length64 = BinaryPrimitives.ReadUInt64BigEndian(header);
                length = length64 <= MaxPayloadBytes
                    ? (long)length64
                    : throw new InvalidDataException($"Frame length {length64} exceeds the test limit of {MaxPayloadBytes}.");
            }

            var maskKey = new byte[4];
            if (masked)
            {
                await _stream.ReadExactlyAsync(maskKey, token);
            }

            var payload = new byte[length];
            await _stream.ReadExactlyAsync(payload, token);
            for (var i = 0; masked && i < payload.Length; i++)
            {
                payload[i] ^= maskKey[i % 4];
            }

            return new RawWebSocketFrame(fin, rsv, opcode, masked, payload);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No complete WebSocket frame within {TestTimeouts.Default}.");
        }
    }

    /// <summary>Reads the next frame that is not a ping or pong, answering pings with pongs (RFC 6455 §5.5.2).</summary>
    public async Task<RawWebSocketFrame> ReadFrameSkippingPingsAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var frame = await ReadFrameAsync(cancellationToken);
            if (frame.Opcode == RawWebSocketOpcode.Ping)
            {
                await SendFrameAsync(RawWebSocketOpcode.Pong, frame.Payload, cancellationToken: cancellationToken);
            }
            else if (frame.Opcode != RawWebSocketOpcode.Pong)
            {
                return frame;
            }
        }
    }

    /// <summary>For a non-101 answer: reads the body (Content-Length, chunked, or until the server closes).</summary>
    public async Task<string> ReadResponseBodyAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = Bounded(cancellationToken);
        var token = timeout.Token;
        if (_responseHeaders.TryGetValue("Content-Length", out var value) && int.TryParse(value, out var length))
        {
            var body = new byte[length];
            await _stream.ReadExactlyAsync(body, token);
            return Encoding.UTF8.GetString(body);
        }

        if (_responseHeaders.TryGetValue("Transfer-Encoding", out var encoding)
            && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 9112 §7.1: hex size [;ext] CRLF, data CRLF, ..., 0 CRLF, trailers, CRLF.
            using var chunks = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(token);
                var size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
                if (size == 0)
                {
                    while ((await ReadLineAsync(token)).Length > 0)
                    {
                    }

                    return Encoding.UTF8.GetString(chunks.ToArray());
                }

                var chunk = new byte[size];
                await _stream.ReadExactlyAsync(chunk, token);
                chunks.Write(chunk);
                await ReadLineAsync(token);
            }
        }

        using var reader = new StreamReader(_stream, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync(token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client?.Dispose();
    }

    private static CancellationTokenSource Bounded(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(TestTimeouts.Default);
        return source;
    }
}

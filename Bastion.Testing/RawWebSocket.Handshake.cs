using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Bastion.Testing;

/// <summary>The opening handshake of <see cref="RawWebSocket"/>: request text, status line and headers.</summary>
public sealed partial class RawWebSocket
{
    private static async Task<RawWebSocket> HandshakeCoreAsync(
        Stream stream,
        string host,
        string pathAndQuery,
        IEnumerable<KeyValuePair<string, string?>>? extraHeaders,
        TcpClient? client,
        CancellationToken cancellationToken)
    {
        // 1. The request: defaults first, extra headers replace or remove them by name, the rest are appended.
        var headers = new List<KeyValuePair<string, string?>>
        {
            new("Host", host),
            new("Upgrade", "websocket"),
            new("Connection", "Upgrade"),
            new("Sec-WebSocket-Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))),
            new("Sec-WebSocket-Version", "13"),
        };
        foreach (var extra in extraHeaders ?? [])
        {
            var index = headers.FindIndex(h => string.Equals(h.Key, extra.Key, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                headers[index] = extra;
            }
            else
            {
                headers.Add(extra);
            }
        }

        var request = new StringBuilder($"GET {pathAndQuery} HTTP/1.1\r\n");
        foreach (var (name, value) in headers.Where(h => h.Value is not null))
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        request.Append("\r\n");
        var key = headers.FirstOrDefault(h => h.Key.Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase)).Value ?? "";
        var socket = new RawWebSocket(client, stream, request.ToString(), key);
        await socket.SendRawAsync(Encoding.ASCII.GetBytes(socket.RequestText), cancellationToken);

        // 2. The response head, read byte by byte so no frame byte after the blank line is consumed.
        await socket.ReadResponseHeadAsync(cancellationToken);
        return socket;
    }

    private async Task ReadResponseHeadAsync(CancellationToken cancellationToken)
    {
        using var timeout = Bounded(cancellationToken);
        var lines = new List<string>();
        try
        {
            for (var line = await ReadLineAsync(timeout.Token); line.Length > 0; line = await ReadLineAsync(timeout.Token))
            {
                lines.Add(line);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"No complete handshake response within {TestTimeouts.Default}; got: {string.Join("\r\n", lines)}");
        }

        StatusLine = lines.Count > 0 ? lines[0] : throw new InvalidDataException("Empty handshake response.");
        var parts = StatusLine.Split(' ', 3);
        StatusCode = parts.Length >= 2 && int.TryParse(parts[1], out var code)
            ? code
            : throw new InvalidDataException($"Malformed status line: {StatusLine}");
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"Malformed header line: {line}");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            _responseHeaders[name] = _responseHeaders.TryGetValue(name, out var previous) ? $"{previous}, {value}" : value;
        }
    }

    /// <summary>Reads one CRLF-terminated line byte by byte, so no byte after it (a frame) is consumed.</summary>
    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count < 2 || line[^2] != '\r' || line[^1] != '\n')
        {
            if (line.Count >= MaxHeaderBytes)
            {
                throw new InvalidDataException($"Response line exceeds {MaxHeaderBytes} bytes.");
            }

            await _stream.ReadExactlyAsync(one, cancellationToken);
            line.Add(one[0]);
        }

        return Encoding.ASCII.GetString(line.ToArray(), 0, line.Count - 2);
    }
}

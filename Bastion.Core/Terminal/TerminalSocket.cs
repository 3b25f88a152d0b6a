using System.Net.WebSockets;

namespace Bastion.Core.Terminal;

/// <summary>
/// The one writer of a terminal WebSocket. Output, error replies from the input pump and the close frame all go
/// through <see cref="SendAsync"/>, because a WebSocket allows only one send at a time.
/// </summary>
internal sealed class TerminalSocket(WebSocket socket) : IDisposable
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public WebSocket WebSocket => socket;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends an error message (with the values its message names, see <see cref="TerminalProtocol.Error"/>),
    /// swallowing failures: the socket may already be gone, and that is not news.</summary>
    public async ValueTask TrySendErrorAsync(
        string code, string message, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? args = null, CodedFailure? failure = null)
    {
        try
        {
            await SendAsync(TerminalProtocol.Error(code, message, args, failure), cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _sendLock.Dispose();

    /// <summary>Says why the session ends (an <c>error</c> message), then starts the closing handshake; both bounded
    /// by <paramref name="cancellationToken"/>, failures swallowed.</summary>
    public async ValueTask TryEndAsync(
        string code, string message, WebSocketCloseStatus status, string description, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? args = null, CodedFailure? failure = null)
    {
        await TrySendErrorAsync(code, message, cancellationToken, args, failure);
        await TryCloseAsync(status, description, cancellationToken);
    }

    /// <summary><see cref="TryEndAsync"/> for a socket no relay owns yet (refused before or while connecting).</summary>
    public static async Task TryEndAsync(
        WebSocket webSocket, string code, string message, WebSocketCloseStatus status, string description,
        IReadOnlyDictionary<string, string>? args = null, CodedFailure? failure = null)
    {
        using var socket = new TerminalSocket(webSocket);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.TryEndAsync(code, message, status, description, timeout.Token, args, failure);
    }

    /// <summary>Sends one message on a socket no relay owns yet (a connect's status), failures swallowed: a client
    /// that left is noticed when the session attaches.</summary>
    public static async Task TrySendAsync(WebSocket webSocket, byte[] utf8Json)
    {
        using var socket = new TerminalSocket(webSocket);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.TrySendAsync(utf8Json, timeout.Token);
    }

    private async ValueTask TrySendAsync(byte[] utf8Json, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(utf8Json, cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Starts or completes the closing handshake if the socket is still open for sending.</summary>
    public async ValueTask TryCloseAsync(WebSocketCloseStatus status, string description, CancellationToken cancellationToken)
    {
        try
        {
            // Waiting for the lock can time out too: the output pump may hold it in a send to a client that stopped
            // reading. That is the same "could not close cleanly" as a failed close frame; the caller aborts next.
            await _sendLock.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, description, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }
}

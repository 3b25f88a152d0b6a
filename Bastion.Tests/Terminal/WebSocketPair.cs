using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Terminal;

/// <summary>A server and a client WebSocket over a real loopback TCP connection, for relay tests without Kestrel.</summary>
internal static class WebSocketPair
{
    public static async Task<(WebSocket Server, WebSocket Client)> CreateAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        var connect = client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var server = await listener.AcceptTcpClientAsync().WithTimeout();
        await connect.WithTimeout();
        return (WebSocket.CreateFromStream(server.GetStream(), new WebSocketCreationOptions { IsServer = true }),
                WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false }));
    }

    /// <summary>Reads text messages until the close frame (answering it) or the connection drops.</summary>
    public static async Task<(List<string> Messages, WebSocketCloseStatus? Status)> ReadAllAsync(WebSocket socket)
    {
        var messages = new List<string>();
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return (messages, result.CloseStatus);
                }

                messages.Add(System.Text.Encoding.UTF8.GetString(buffer, 0, length));
            }
        }
        catch (WebSocketException)
        {
            return (messages, socket.CloseStatus);
        }
    }
}

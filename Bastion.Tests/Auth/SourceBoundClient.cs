using System.Net;
using System.Net.Sockets;

namespace Bastion.Tests.Auth;

/// <summary>An HttpClient whose connections leave from one loopback address (127.0.0.x), so one test can log in
/// "from" several client addresses: the whole of 127.0.0.0/8 is on the loopback interface.</summary>
internal static class SourceBoundClient
{
    public static HttpClient Create(Uri baseUri, IPAddress source)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseUri, Timeout = TestTimeouts.Default };
    }
}

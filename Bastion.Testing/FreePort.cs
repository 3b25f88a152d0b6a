using System.Net;
using System.Net.Sockets;

namespace Bastion.Testing;

public static class FreePort
{
    /// <summary>
    /// A port on 127.0.0.1 that was free a moment ago. Someone else may take it before the caller binds it, so callers
    /// that can detect "address in use" should retry with a new port (see <see cref="SshdServer"/>).
    /// </summary>
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Bastion.Core.Audit;

namespace Bastion.Tests.Auth;

/// <summary><c>Bastion:TrustedProxies</c>: <c>X-Forwarded-For</c> is believed only on connections from a listed proxy
/// (here 127.0.0.2); from any other address (127.0.0.3) it is ignored. Checked in the audit log and the sign-in limit.</summary>
public sealed class TrustedProxyTests : IAsyncLifetime
{
    private const string TrustedProxy = "127.0.0.2";
    private const string Untrusted = "127.0.0.3";

    private BastionServer _server = null!;

    public async Task InitializeAsync() => _server = await BastionServer.StartAsync(new Dictionary<string, string>
    {
        ["Bastion:TrustedProxies:0"] = TrustedProxy,
        ["Auth:LoginAttemptsPerMinute"] = "2",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(TrustedProxy, "203.0.113.7", "203.0.113.7")]
    [InlineData(Untrusted, "203.0.113.8", Untrusted)]
    public async Task TheAuditedAddress_IsTheForwardedOne_OnlyFromATrustedProxy(string source, string forwardedFor, string audited)
    {
        var name = BastionFixture.Unique("xff");

        var status = await FailedSignInAsync(source, forwardedFor, name);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var failed = await _server.WaitForEventAsync(e => e.Type == AuditEventTypes.LoginFailed && e.Data("user") == name, $"login.failed for {name}");
        Assert.Equal(audited, failed.ClientAddress);
    }

    [Fact]
    public async Task BehindTheTrustedProxy_EachClientHasItsOwnSignInLimit()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await FailedSignInAsync(TrustedProxy, "198.51.100.1", "nobody"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await FailedSignInAsync(TrustedProxy, "198.51.100.1", "nobody"));
        Assert.Equal(HttpStatusCode.Unauthorized, await FailedSignInAsync(TrustedProxy, "198.51.100.2", "nobody"));
    }

    /// <summary>A wrong-password sign-in sent from <paramref name="source"/> (the client socket bound to it) with the
    /// given <c>X-Forwarded-For</c>.</summary>
    private async Task<HttpStatusCode> FailedSignInAsync(string source, string forwardedFor, string userName)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
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
        using var http = new HttpClient(handler) { BaseAddress = _server.BaseUri, Timeout = TestTimeouts.Default };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token")
        {
            Content = JsonContent.Create(new { username = userName, password = "wrong-password" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request).WithTimeout();
        return response.StatusCode;
    }
}

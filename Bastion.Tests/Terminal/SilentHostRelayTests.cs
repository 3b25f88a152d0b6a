using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bastion.Core.Terminal;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Terminal;

/// <summary>The relay's decision for a host-side failure, with a hand-written shell: a silent host gets its own outcome,
/// error code and close code; any other failure stays <c>host_error</c> (issue #9).</summary>
public sealed class SilentHostRelayTests
{
    [Theory]
    [InlineData(true, "HostUnresponsive", "host_unresponsive")]
    [InlineData(false, "HostFailed", "host_error")]
    public async Task HostSideFailure_EndsWithTheOutcomeAndCodeOfItsKind(bool unresponsive, string outcome, string code)
    {
        var (server, client) = await SocketPairAsync();
        var shell = new FailingShell(unresponsive ? "db-1 stopped answering (no reply for 30 s)" : "connection reset", unresponsive);
        var reading = ReadErrorsUntilClosedAsync(client);

        var result = await TerminalRelay.RunAsync(server, shell, new TerminalOptions(), Encoding.UTF8, false, null, CancellationToken.None).WithTimeout();

        Assert.Equal(outcome, result.Outcome.ToString());
        Assert.Equal(shell.Failure, result.Detail);
        var (errors, status) = await reading.WithTimeout();
        Assert.Equal([code], errors.Select(e => e.GetProperty("code").GetString()));
        Assert.Contains(shell.Failure!, errors[0].GetProperty("message").GetString());
        Assert.Equal(WebSocketCloseStatus.InternalServerError, status);
        client.Dispose();
    }

    private static async Task<(WebSocket Server, WebSocket Client)> SocketPairAsync()
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

    private static async Task<(List<JsonElement> Errors, WebSocketCloseStatus? Status)> ReadErrorsUntilClosedAsync(WebSocket socket)
    {
        var errors = new List<JsonElement>();
        var buffer = new byte[65536];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                return (errors, socket.CloseStatus);
            }

            var message = JsonDocument.Parse(buffer.AsMemory(0, received.Count)).RootElement.Clone();
            if (message.GetProperty("flag").GetString() == "error")
            {
                errors.Add(message);
            }
        }
    }

    /// <summary>A shell whose connection fails as soon as it starts.</summary>
    private sealed class FailingShell(string failure, bool unresponsive) : IShellChannel
    {
        public string? Failure => failure;

        public bool HostUnresponsive => unresponsive;

        public int? ExitStatus => null;

        public void Start(OutputBuffer output) => output.Complete();

        public ValueTask WriteInputAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public void Resize(int cols, int rows)
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

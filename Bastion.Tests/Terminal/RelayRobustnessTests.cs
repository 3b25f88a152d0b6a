using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Reflection;
using System.Text;
using Bastion.Core.Ssh;
using Bastion.Core.Terminal;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using Renci.SshNet.Messages.Transport;

namespace Bastion.Tests.Terminal;

/// <summary>
/// The relay against a real sshd, over a real loopback WebSocket pair, in the ways sessions end badly: hosts that
/// leave at once or say goodbye, and browsers that stop reading. Each must end the session and close SSH.
/// </summary>
public sealed class RelayRobustnessTests
{
    private static async Task<SshShellChannel> ConnectAsync(SshdServer sshd, TerminalOptions? options = null)
    {
        var connector = new SshConnector(Options.Create(new SshOptions()), Options.Create(options ?? new TerminalOptions()));
        var result = await connector.ConnectAsync(new SshTarget
        {
            HostName = "test",
            Address = sshd.Host,
            Port = sshd.Port,
            UserName = sshd.UserName,
            PrivateKey = sshd.ClientPrivateKeyText,
            PinnedFingerprint = sshd.HostKeyFingerprint,
        }, 80, 24, Encoding.UTF8, CancellationToken.None).WithTimeout();
        return Assert.IsType<SshShellChannel>(result.Shell);
    }

    private static SshClient ClientOf(SshShellChannel shell) =>
        (SshClient)typeof(SshShellChannel).GetField("_client", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(shell)!;

    /// <summary>Reads until the relay's close and answers it, as a browser does (unanswered, the relay would wait
    /// its whole close timeout each time).</summary>
    private static async Task ReadUntilClosedAsync(WebSocket socket)
    {
        var buffer = new byte[65536];
        try
        {
            while ((await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
    }

    [Fact]
    public async Task ShellThatExitsAtOnce_EndsEverySession()
    {
        // A ForceCommand that prints and leaves: the channel may close before the relay subscribes to its events.
        await using var sshd = new SshdServer("ForceCommand /bin/echo account disabled");
        await sshd.StartAsync(CancellationToken.None).WithTimeout();
        for (var i = 0; i < 10; i++)
        {
            var shell = await ConnectAsync(sshd);
            await Task.Delay(i % 2 == 0 ? 0 : 100); // give the close time to arrive before the relay starts, half the time
            var (server, client) = await WebSocketPair.CreateAsync();
            var reading = ReadUntilClosedAsync(client);

            var result = await TerminalRelay.RunAsync(server, shell, new TerminalOptions(), Encoding.UTF8, false, null, CancellationToken.None).WithTimeout();

            Assert.Equal(RelayOutcome.HostClosed, result.Outcome);
            Assert.True(result.BytesFromHost > 0, "the command's output was relayed");
            await reading.WithTimeout();
            client.Dispose();
        }
    }

    [Fact]
    public async Task HostDisconnectMessage_EndsTheSessionWithAnError()
    {
        await using var sshd = new SshdServer();
        await sshd.StartAsync(CancellationToken.None).WithTimeout();
        var shell = await ConnectAsync(sshd);
        var (server, client) = await WebSocketPair.CreateAsync();
        var reading = ReadUntilClosedAsync(client);
        var relay = TerminalRelay.RunAsync(server, shell, new TerminalOptions(), Encoding.UTF8, false, null, CancellationToken.None);
        await Task.Delay(300);

        // OpenSSH does not send SSH_MSG_DISCONNECT on demand (network gear and other servers do), so feed SSH.NET's
        // own handler for that message.
        var session = SshNetInternals.SessionOf(ClientOf(shell))!;
        typeof(Session).GetMethod("OnDisconnectReceived", BindingFlags.NonPublic | BindingFlags.Instance)!
            .Invoke(session, [new DisconnectMessage(DisconnectReason.ByApplication, "going down for maintenance")]);

        var result = await relay.WithTimeout();
        Assert.Equal(RelayOutcome.HostFailed, result.Outcome);
        Assert.Contains("closed the SSH connection", result.Detail);
        await reading.WithTimeout();
        client.Dispose();
    }

    [Fact]
    public async Task ClientThatStopsReading_IsEndedAsTooSlow_AndSshIsClosed()
    {
        await using var sshd = new SshdServer();
        await sshd.StartAsync(CancellationToken.None).WithTimeout();
        var options = new TerminalOptions { ClientSendTimeout = TimeSpan.FromSeconds(2) };
        var mark = sshd.LogLength;
        var shell = await ConnectAsync(sshd, options);
        var (server, client) = await WebSocketPair.CreateAsync();
        var relay = TerminalRelay.RunAsync(server, shell, options, Encoding.UTF8, false, null, CancellationToken.None);

        await client.SendAsync("{\"flag\":\"input\",\"data\":\"yes\\r\"}"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None).WithTimeout();

        // The client never reads: socket buffers fill, a send stalls past the timeout, and the session ends.
        var result = await relay.WithTimeout(TimeSpan.FromSeconds(60));
        Assert.Equal(RelayOutcome.ClientTooSlow, result.Outcome);
        await sshd.WaitForConnectionsToEndAsync(mark);
        client.Dispose();
    }

    [Fact]
    public async Task ClientThatStopsReading_ThenSendsClose_StillGetsSshClosed()
    {
        await using var sshd = new SshdServer();
        await sshd.StartAsync(CancellationToken.None).WithTimeout();
        var mark = sshd.LogLength;
        var shell = await ConnectAsync(sshd);
        var (server, client) = await WebSocketPair.CreateAsync();
        var relay = TerminalRelay.RunAsync(server, shell, new TerminalOptions(), Encoding.UTF8, false, null, CancellationToken.None);
        await client.SendAsync("{\"flag\":\"input\",\"data\":\"yes\\r\"}"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None).WithTimeout();
        await Task.Delay(3000); // not reading: the server's send to us stalls

        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WithTimeout();

        var result = await relay.WithTimeout();
        Assert.Equal(RelayOutcome.ClientClosed, result.Outcome);
        await sshd.WaitForConnectionsToEndAsync(mark);
        client.Dispose();
    }
}

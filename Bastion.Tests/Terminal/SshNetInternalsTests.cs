using System.Reflection;
using System.Text;
using Bastion.Core.Ssh;
using Bastion.Core.Terminal;
using Bastion.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Renci.SshNet;

namespace Bastion.Tests.Terminal;

/// <summary>One test per SSH.NET internal Bastion uses (Core/Ssh/SshNetInternals), against a real sshd, so that an
/// SSH.NET upgrade that changes one fails here by name; and the start-up probe that guards them all.</summary>
public sealed class SshNetInternalsTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    private static readonly TerminalOptions Options = new() { SshChannelWindowBytes = 96 * 1024 };

    private async Task<SshShellChannel> ConnectAsync(bool blockingReceive = true)
    {
        var connector = new SshConnector(Microsoft.Extensions.Options.Options.Create(new SshOptions { BlockingReceive = blockingReceive }), Microsoft.Extensions.Options.Options.Create(Options));
        var result = await connector.ConnectAsync(new SshTarget
        {
            HostName = "test",
            Address = sshd.Server.Host,
            Port = sshd.Server.Port,
            UserName = sshd.Server.UserName,
            PrivateKey = sshd.Server.ClientPrivateKeyText,
            PinnedFingerprint = sshd.Server.HostKeyFingerprint,
        }, 80, 24, Encoding.UTF8, CancellationToken.None).WithTimeout();
        return Assert.IsType<SshShellChannel>(result.Shell);
    }

    private static T Field<T>(SshShellChannel shell, string name) =>
        (T)typeof(SshShellChannel).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(shell)!;

    [Fact]
    public void Probe_FindsEveryInternal_InThePinnedSshNet()
    {
        Assert.Empty(SshNetInternals.Missing());
        SshNetInternals.EnsureSupported();
        Assert.NotEqual("unknown", SshNetInternals.SshNetVersion);
    }

    [Fact]
    public async Task BoundedWindow_TheShellChannelGrantsTheConfiguredWindow()
    {
        await using var shell = await ConnectAsync();

        // SSH.NET's own default would be 2 GiB. What is left of the window shrinks as output (the banner) arrives.
        var window = SshNetInternals.LocalWindowSizeOf(Field<ShellStream>(shell, "_shell"));
        Assert.NotNull(window);
        Assert.InRange(window.Value, 1u, (uint)Options.SshChannelWindowBytes);
    }

    [Fact]
    public async Task ExitStatus_IsReportedWhenTheShellExits()
    {
        await using var shell = await ConnectAsync();
        var buffer = new OutputBuffer(64 * 1024, 32 * 1024);
        shell.Start(buffer);

        await shell.WriteInputAsync("exit 7\n"u8.ToArray(), CancellationToken.None);
        var scratch = new byte[4096];
        while (await buffer.ReadAsync(scratch, CancellationToken.None).AsTask().WithTimeout() > 0)
        {
        }

        Assert.Equal(7, shell.ExitStatus);
    }

    [Fact]
    public async Task ChannelData_GoesToTheRelayBuffer_AndTheStreamKeepsNoCopy()
    {
        await using var shell = await ConnectAsync();
        var buffer = new OutputBuffer(64 * 1024, 32 * 1024);
        shell.Start(buffer);
        var stream = Field<ShellStream>(shell, "_shell");

        // The stream may hold a copy of what came before its own handler was removed (the banner), never more.
        await shell.WriteInputAsync("echo READY-$((1+1))\n"u8.ToArray(), CancellationToken.None);
        await ReadUntilAsync(buffer, "READY-2");
        var kept = stream.Length;

        await shell.WriteInputAsync("head -c 300000 /dev/zero | tr '\\0' x; echo; echo DONE-$((2+2))\n"u8.ToArray(), CancellationToken.None);
        var received = await ReadUntilAsync(buffer, "DONE-4");

        Assert.True(received.Count(c => c == 'x') >= 300000, $"the relay buffer got {received.Count(c => c == 'x')} of 300000 bytes");
        Assert.Equal(kept, stream.Length);
    }

    private static async Task<string> ReadUntilAsync(OutputBuffer buffer, string marker)
    {
        var text = new StringBuilder();
        var scratch = new byte[32 * 1024];
        while (!text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var n = await buffer.ReadAsync(scratch, CancellationToken.None).AsTask().WithTimeout();
            Assert.NotEqual(0, n);
            text.Append(Encoding.UTF8.GetString(scratch, 0, n));
        }

        // The buffer's wake runs this continuation inline on SSH.NET's receive thread (as it runs the pump); leave it,
        // as the pump does, before anything that disposes the client and so waits for that thread.
        await Task.Yield();
        return text.ToString();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BlockingReceive_TheShellSocketIsBlockingAndOutOfTheEpollReadSet_AndTheShellStillWorks(bool blockingReceive)
    {
        Assert.True(SshNetInternals.BlockingReceiveAvailable, "the test runs on Linux x64/arm64");
        Assert.Null(SshNetInternals.ProbeBlockingReceiveSeam());
        await using var shell = await ConnectAsync(blockingReceive);
        var socket = SshNetInternals.SocketOf(Field<SshClient>(shell, "_client"));

        // The switch happens on SSH.NET's receive thread when the shell's channel is confirmed, which may run just after
        // the opener was released: give it a moment.
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (blockingReceive && SshNetInternals.IsBlocking(socket) != true && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(blockingReceive, SshNetInternals.IsBlocking(socket));
        Assert.Equal(!blockingReceive, SshNetInternals.WaitsForReadEvents(socket));

        // A second connection, found among more lines of the runtime's epoll listing (which is read line by line and
        // parsed in place), ends in the same state.
        await using (var second = await ConnectAsync(blockingReceive))
        {
            var secondSocket = SshNetInternals.SocketOf(Field<SshClient>(second, "_client"));
            Assert.Equal(blockingReceive, SshNetInternals.IsBlocking(secondSocket));
            Assert.Equal(!blockingReceive, SshNetInternals.WaitsForReadEvents(secondSocket));
        }

        // Reads (the flood) and writes (the command) still go through, and the end is seen.
        var buffer = new OutputBuffer(64 * 1024, 32 * 1024);
        shell.Start(buffer);
        await shell.WriteInputAsync("head -c 300000 /dev/zero | tr '\\0' x; echo; echo DONE-$((2+2))\n"u8.ToArray(), CancellationToken.None);
        var received = await ReadUntilAsync(buffer, "DONE-4");
        Assert.True(received.Count(c => c == 'x') >= 300000, $"the relay buffer got {received.Count(c => c == 'x')} of 300000 bytes");
    }

    [Fact]
    public async Task AShellStream_HoldsNoBuffers_AndALongPasteStillArrivesWhole()
    {
        await using var shell = await ConnectAsync();
        var buffer = new OutputBuffer(64 * 1024, 32 * 1024);
        shell.Start(buffer);
        var stream = Field<ShellStream>(shell, "_shell");

        // Bytes SSH.NET's stream holds for this session: its read and write buffers (64 KiB each in session 4, 4 KiB in
        // session 5), now one byte each: input goes straight to the channel. The read buffer grows only by what the
        // host sent before the relay took the channel's data (the prompt, drained at Start), never to a flood's size.
        AssertHoldsNoBuffers(stream);

        // 200 lines of 100 characters in one input (20,200 bytes): sent by the channel in packets it sizes, counted whole.
        await shell.WriteInputAsync("wc -c\n"u8.ToArray(), CancellationToken.None);
        var paste = string.Concat(Enumerable.Repeat(new string('p', 100) + "\n", 200)) + "\u0004";
        var session = SshNetInternals.SessionOf(Field<SshClient>(shell, "_client"))!;
        var sent = OutboundPackets(session);
        await shell.WriteInputAsync(Encoding.ASCII.GetBytes(paste), CancellationToken.None);
        // In the host's packet size (32 KiB for OpenSSH), not the stream's one-byte buffer: through ShellStream.Write
        // this paste would be 20,201 packets. A few more may be window adjustments for the echo coming back meanwhile.
        Assert.InRange(OutboundPackets(session) - sent, 1, 20);
        await ReadUntilAsync(buffer, "20200");
        AssertHoldsNoBuffers(stream);
    }

    /// <summary>The SSH packets the client's session has sent (its outbound sequence number).</summary>
    private static long OutboundPackets(object session) =>
        (uint)session.GetType().GetField("_outboundPacketSequence", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(session)!;

    private static void AssertHoldsNoBuffers(ShellStream stream)
    {
        Assert.Equal(1, HeldBufferBytes(stream, "_writeBuffer"));
        Assert.InRange(HeldBufferBytes(stream, "_readBuffer"), 1, 1024);
    }

    private static int HeldBufferBytes(ShellStream stream, string name)
    {
        var arrayBuffer = typeof(ShellStream).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(stream)!;
        return ((byte[])arrayBuffer.GetType().GetMethod("DangerousGetUnderlyingBuffer")!.Invoke(arrayBuffer, null)!).Length;
    }

    [Fact]
    public async Task SessionOf_IsTheConnectedClientsSession()
    {
        await using var shell = await ConnectAsync();

        var session = SshNetInternals.SessionOf(Field<SshClient>(shell, "_client"));

        Assert.NotNull(session);
        Assert.True(session.IsConnected);
    }
}

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
        var (server, client) = await WebSocketPair.CreateAsync();
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

    private static async Task<(List<JsonElement> Errors, WebSocketCloseStatus? Status)> ReadErrorsUntilClosedAsync(WebSocket socket)
    {
        var (messages, status) = await WebSocketPair.ReadAllAsync(socket);
        var errors = messages.Select(m => JsonDocument.Parse(m).RootElement.Clone())
            .Where(m => m.GetProperty("flag").GetString() == "error").ToList();
        return (errors, status);
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

using Bastion.Core.Terminal;
using Bastion.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Unit;

/// <summary>The writer's probe (the SSH socket's unread bytes, one system call) is asked only when its answer decides
/// a wake (issue 12: a packet that arrives while the pump runs, or inside a gathered stream, costs no FIONREAD).</summary>
public sealed class OutputBufferProbeTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void WritesWithNoReaderWaiting_NeverAskTheProbe()
    {
        var buffer = new OutputBuffer(capacity: 64, maxChunk: 16, wakeBytes: 32, time: _time);
        var asked = 0;

        for (var i = 0; i < 3; i++)
        {
            Assert.True(buffer.Write(new byte[8], moreComing: false, () => ++asked > 0));
        }

        Assert.Equal(0, asked);
        Assert.Equal(0, buffer.Probes);
        Assert.Equal(24, buffer.TryRead(new byte[64]));
    }

    [Fact]
    public async Task AWaitingReader_IsLeftAsleep_WhileTheProbeSaysMoreIsComing_AndWokenWhenItSaysNothingIs()
    {
        var buffer = new OutputBuffer(capacity: 64, maxChunk: 16, wakeBytes: 32, time: _time);
        var more = true;
        var read = buffer.ReadAsync(new byte[64], CancellationToken.None).AsTask();

        Assert.True(buffer.Write(new byte[8], moreComing: false, () => more));
        Assert.False(read.IsCompleted);
        more = false;
        Assert.True(buffer.Write(new byte[4], moreComing: false, () => more));

        Assert.Equal(12, await read.WithTimeout()); // one hand-off for both writes
        Assert.Equal(2, buffer.Probes);
        Assert.Equal(1, buffer.ProbeDeferrals);
    }

    [Fact]
    public async Task AWriteThatMoreComingAlreadyDefers_DoesNotAskTheProbe()
    {
        var buffer = new OutputBuffer(capacity: 64, maxChunk: 16, wakeBytes: 32, time: _time);
        var asked = 0;
        var read = buffer.ReadAsync(new byte[64], CancellationToken.None).AsTask();

        Assert.True(buffer.Write(new byte[8], moreComing: true, () => ++asked > 0));
        Assert.Equal(0, asked);
        _time.Advance(OutputBuffer.MaxWakeDelay);

        Assert.Equal(8, await read.WithTimeout());
    }
}

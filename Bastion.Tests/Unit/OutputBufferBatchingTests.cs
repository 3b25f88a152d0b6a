using Bastion.Core.Terminal;
using Bastion.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Unit;

/// <summary>Fewer, larger hand-offs (issue 12): a write that says more output is coming leaves a waiting reader asleep
/// until a batch is buffered, a write without it, or the wake timer; nothing is ever left behind.</summary>
public sealed class OutputBufferBatchingTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task MoreComing_LeavesTheReaderAsleep_UntilAWriteSaysNothingMoreIsComing()
    {
        var buffer = new OutputBuffer(capacity: 64, maxChunk: 16, wakeBytes: 32, time: _time);
        var dest = new byte[64];
        var read = buffer.ReadAsync(dest, CancellationToken.None).AsTask();

        Assert.True(buffer.Write(new byte[8], moreComing: true));
        Assert.True(buffer.Write(new byte[8], moreComing: true));
        Assert.False(read.IsCompleted);

        Assert.True(buffer.Write(new byte[4], moreComing: false));
        Assert.Equal(20, await read.WithTimeout()); // one hand-off for three writes
        Assert.Equal(2, buffer.DeferredWakes);
    }

    [Fact]
    public async Task MoreComing_WakesTheReader_OnceABatchIsBuffered()
    {
        var buffer = new OutputBuffer(capacity: 64, maxChunk: 16, wakeBytes: 32, time: _time);
        var read = buffer.ReadAsync(new byte[64], CancellationToken.None).AsTask();

        Assert.True(buffer.Write(new byte[16], moreComing: true));
        Assert.False(read.IsCompleted);
        Assert.True(buffer.Write(new byte[16], moreComing: true));

        Assert.Equal(32, await read.WithTimeout());
    }

    [Fact]
    public async Task MoreComing_ThatNeverComes_IsDeliveredByTheWakeTimer()
    {
        var buffer = new OutputBuffer(capacity: 64, maxChunk: 16, wakeBytes: 32, time: _time);
        var read = buffer.ReadAsync(new byte[64], CancellationToken.None).AsTask();

        Assert.True(buffer.Write(new byte[5], moreComing: true)); // e.g. the bytes on the socket were a keep-alive
        Assert.False(read.IsCompleted);
        _time.Advance(OutputBuffer.MaxWakeDelay);

        Assert.Equal(5, await read.WithTimeout());
    }

    [Fact]
    public async Task Complete_AfterADeferredWake_DeliversTheRestThenEnds()
    {
        var buffer = new OutputBuffer(capacity: 64, maxChunk: 16, wakeBytes: 32, time: _time);
        var dest = new byte[64];
        var read = buffer.ReadAsync(dest, CancellationToken.None).AsTask();

        Assert.True(buffer.Write(new byte[3], moreComing: true));
        buffer.Complete();

        Assert.Equal(3, await read.WithTimeout());
        Assert.Equal(0, await buffer.ReadAsync(dest, CancellationToken.None).AsTask().WithTimeout());
    }
}

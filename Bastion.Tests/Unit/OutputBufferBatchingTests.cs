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

    /// <summary>A flood whose packets each find the SSH socket empty (no <c>moreComing</c>) is still gathered: large
    /// writes right after a large read are one hand-off, not one per packet.</summary>
    [Fact]
    public async Task LargeWrites_RightAfterALargeRead_AreGatheredIntoOneHandOff()
    {
        var buffer = new OutputBuffer(capacity: 64 * 1024, maxChunk: 4096, wakeBytes: 16 * 1024, time: _time);
        var dest = new byte[64 * 1024];
        var first = buffer.ReadAsync(dest, CancellationToken.None).AsTask();
        Assert.True(buffer.Write(new byte[4096], moreComing: false));
        Assert.Equal(4096, await first.WithTimeout()); // the first packet of a stream goes at once

        var next = buffer.ReadAsync(dest, CancellationToken.None).AsTask();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(buffer.Write(new byte[4096], moreComing: false));
            Assert.False(next.IsCompleted);
        }

        Assert.True(buffer.Write(new byte[4096], moreComing: false));
        Assert.Equal(16 * 1024, await next.WithTimeout()); // four packets, one hand-off
        Assert.Equal(3, buffer.StreamDeferrals);
    }

    [Fact]
    public async Task AGatheredStream_ThatStops_IsDeliveredByTheWakeTimer()
    {
        var buffer = new OutputBuffer(capacity: 64 * 1024, maxChunk: 4096, wakeBytes: 16 * 1024, time: _time);
        var dest = new byte[64 * 1024];
        var first = buffer.ReadAsync(dest, CancellationToken.None).AsTask();
        Assert.True(buffer.Write(new byte[4096], moreComing: false));
        Assert.Equal(4096, await first.WithTimeout());

        var next = buffer.ReadAsync(dest, CancellationToken.None).AsTask();
        Assert.True(buffer.Write(new byte[2000], moreComing: false));
        Assert.False(next.IsCompleted);
        _time.Advance(OutputBuffer.MaxWakeDelay);

        Assert.Equal(2000, await next.WithTimeout());
    }

    /// <summary>A keystroke's echo, output after a small read, and output after a pause all wake the reader at once.</summary>
    [Fact]
    public async Task SmallWrites_WritesAfterASmallRead_AndWritesAfterAPause_AreNotDeferred()
    {
        var buffer = new OutputBuffer(capacity: 64 * 1024, maxChunk: 4096, wakeBytes: 16 * 1024, time: _time);
        var dest = new byte[64 * 1024];
        var read = buffer.ReadAsync(dest, CancellationToken.None).AsTask();
        Assert.True(buffer.Write(new byte[4096], moreComing: false));
        Assert.Equal(4096, await read.WithTimeout());

        read = buffer.ReadAsync(dest, CancellationToken.None).AsTask();
        Assert.True(buffer.Write(new byte[1], moreComing: false)); // an echo in the middle of a stream
        Assert.Equal(1, await read.WithTimeout());

        read = buffer.ReadAsync(dest, CancellationToken.None).AsTask();
        Assert.True(buffer.Write(new byte[4096], moreComing: false)); // the last read was small: `ls` after Enter
        Assert.Equal(4096, await read.WithTimeout());

        _time.Advance(OutputBuffer.StreamGap);
        read = buffer.ReadAsync(dest, CancellationToken.None).AsTask();
        Assert.True(buffer.Write(new byte[4096], moreComing: false)); // a pause: a new screen, not the same stream
        Assert.Equal(4096, await read.WithTimeout());
        Assert.Equal(0, buffer.StreamDeferrals);
    }

    /// <summary>A deferred batch that went out by size leaves no timer tick behind (it would wake the timer thread
    /// once per batch for nothing).</summary>
    [Fact]
    public async Task ABatchWokenBySize_DisarmsTheWakeTimer()
    {
        var buffer = new OutputBuffer(capacity: 64, maxChunk: 16, wakeBytes: 32, time: _time);
        var read = buffer.ReadAsync(new byte[64], CancellationToken.None).AsTask();
        Assert.True(buffer.Write(new byte[16], moreComing: true));
        Assert.True(buffer.Write(new byte[16], moreComing: true));
        Assert.Equal(32, await read.WithTimeout());

        _time.Advance(OutputBuffer.MaxWakeDelay * 2);
        Assert.Equal(0, buffer.WakeTimerTicks);
    }
}

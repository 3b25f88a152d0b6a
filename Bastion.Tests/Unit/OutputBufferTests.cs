using Bastion.Core.Terminal;
using Bastion.Testing;

namespace Bastion.Tests.Unit;

public sealed class OutputBufferTests
{
    /// <summary>Issue 12: an idle session holds no ring; it is rented by the write that finds the buffer empty and
    /// returned by the read that empties it, or by an abort.</summary>
    [Fact]
    public async Task Ring_IsHeldOnlyWhileBytesAreBuffered()
    {
        var buffer = new OutputBuffer(capacity: 64 * 1024, maxChunk: 32 * 1024);
        Assert.False(buffer.HoldsRing);

        Assert.True(buffer.Write("prompt$ "u8));
        Assert.True(buffer.HoldsRing);
        var dest = new byte[4];
        Assert.Equal(4, await buffer.ReadAsync(dest, CancellationToken.None).AsTask().WithTimeout());
        Assert.True(buffer.HoldsRing); // four bytes still buffered
        Assert.Equal(4, await buffer.ReadAsync(dest, CancellationToken.None).AsTask().WithTimeout());
        Assert.False(buffer.HoldsRing);

        Assert.True(buffer.Write("more"u8));
        buffer.Abort();
        Assert.False(buffer.HoldsRing);
    }

    [Fact]
    public async Task BytesComeOutInOrder_AcrossTheRingBoundary()
    {
        var buffer = new OutputBuffer(capacity: 10, maxChunk: 4);
        var read = new List<byte>();
        var dest = new byte[3];
        byte next = 0;
        for (var round = 0; round < 50; round++)
        {
            var chunk = new byte[(round % 4) + 1];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = next++;
            }

            Assert.True(buffer.Write(chunk));
            while (buffer.BufferedBytes > 5)
            {
                var n = await buffer.ReadAsync(dest, CancellationToken.None).AsTask().WithTimeout();
                read.AddRange(dest[..n]);
            }
        }

        buffer.Complete();
        int m;
        while ((m = await buffer.ReadAsync(dest, CancellationToken.None).AsTask().WithTimeout()) > 0)
        {
            read.AddRange(dest[..m]);
        }

        Assert.Equal(Enumerable.Range(0, next).Select(i => (byte)i), read);
    }

    [Fact]
    public async Task Writer_BlocksAtCapacity_UntilTheReaderTakesBytes()
    {
        var buffer = new OutputBuffer(capacity: 8, maxChunk: 8);
        Assert.True(buffer.Write(new byte[8]));
        using var started = new ManualResetEventSlim();

        var writer = Task.Factory.StartNew(() => { started.Set(); return buffer.Write(new byte[4]); }, TaskCreationOptions.LongRunning);
        Assert.True(started.Wait(TestTimeouts.Default));
        await Task.Delay(100);
        Assert.False(writer.IsCompleted);
        Assert.Equal(8, buffer.BufferedBytes);

        var n = await buffer.ReadAsync(new byte[8], CancellationToken.None).AsTask().WithTimeout();

        Assert.Equal(8, n);
        Assert.True(await writer.WithTimeout());
        Assert.Equal(4, buffer.BufferedBytes);
        Assert.Equal(1, buffer.WriterWaits);
    }

    [Fact]
    public async Task Abort_ReleasesABlockedWriter_AndDropsData()
    {
        var buffer = new OutputBuffer(capacity: 4, maxChunk: 4);
        buffer.Write(new byte[4]);
        var writer = Task.Factory.StartNew(() => buffer.Write(new byte[4]), TaskCreationOptions.LongRunning);

        buffer.Abort();

        Assert.False(await writer.WithTimeout());
        Assert.Equal(0, await buffer.ReadAsync(new byte[4], CancellationToken.None).AsTask().WithTimeout());
    }

    [Fact]
    public async Task Reader_WaitsForData_ThenWakes()
    {
        var buffer = new OutputBuffer(capacity: 16, maxChunk: 16);
        var dest = new byte[16];
        var read = buffer.ReadAsync(dest, CancellationToken.None).AsTask();
        Assert.False(read.IsCompleted);

        buffer.Write("hi"u8);

        Assert.Equal(2, await read.WithTimeout());
        Assert.Equal("hi"u8.ToArray(), dest[..2]);
    }

    [Fact]
    public async Task Complete_DrainsWhatIsLeft_ThenReturnsZero()
    {
        var buffer = new OutputBuffer(capacity: 16, maxChunk: 16);
        buffer.Write("bye"u8);
        buffer.Complete();

        Assert.Equal(3, await buffer.ReadAsync(new byte[16], CancellationToken.None).AsTask().WithTimeout());
        Assert.Equal(0, await buffer.ReadAsync(new byte[16], CancellationToken.None).AsTask().WithTimeout());
        Assert.False(buffer.Write("late"u8));
    }

    [Fact]
    public async Task Read_IsCancellable()
    {
        var buffer = new OutputBuffer(capacity: 16, maxChunk: 16);
        using var cts = new CancellationTokenSource();
        var read = buffer.ReadAsync(new byte[4], cts.Token).AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WithTimeout());
    }
}

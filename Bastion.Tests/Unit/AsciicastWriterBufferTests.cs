using System.Security.Cryptography;
using Bastion.Core.Recording;

namespace Bastion.Tests.Unit;

/// <summary>
/// The recording writer's buffers (issue 12: memory per idle session): pending lines and the line writer are held
/// only between a write and the next flush, bounded by <see cref="AsciicastWriter.PendingBytes"/> (a longer line is
/// written through), and every line reaches the file in order. Counts bytes, never a duration.
/// </summary>
public sealed class AsciicastWriterBufferTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cast-buffers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AfterAFlush_TheWriterHoldsNoBuffer_AndTheFileHasEveryLine()
    {
        var path = Path.Combine(_dir, "a.cast");
        await using var cast = new AsciicastWriter(path);
        Assert.Equal(0, cast.HeldBufferBytes);

        cast.WriteHeader(200, 50, DateTimeOffset.UnixEpoch, "t");
        cast.WriteEvent(0.5, 'o', "$ ");
        Assert.InRange(cast.HeldBufferBytes, 1, AsciicastWriter.PendingBytes + (4 * AsciicastWriter.LineStartBytes));
        Assert.Equal(cast.Written, cast.Position);

        await cast.FlushAsync().WithTimeout();
        Assert.Equal(0, cast.HeldBufferBytes);

        // A flood's line, longer than the pending array, then a keystroke's: bounded while held, none after the flush.
        cast.WriteEvent(1.0, 'o', new string('x', 100_000));
        cast.WriteEvent(1.5, 'o', "ls\r\n");
        Assert.InRange(cast.HeldBufferBytes, 1, AsciicastWriter.PendingBytes + (4 * 100_000));
        Assert.Equal(cast.Written, cast.Position);
        await cast.FlushAsync().WithTimeout();
        Assert.Equal(0, cast.HeldBufferBytes);

        var sha = cast.CurrentSha256();
        await cast.CloseAsync();
        var bytes = await File.ReadAllBytesAsync(path).WithTimeout();
        Assert.Equal(cast.Written, bytes.Length);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var lines = File.ReadAllLines(path);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("{\"version\":2", lines[0], StringComparison.Ordinal);
        Assert.Equal("[0.500000,\"o\",\"$ \"]", lines[1]);
        Assert.Equal(100_000 + 17, lines[2].Length); // [1.000000,"o","x…x"]
        Assert.Equal("[1.500000,\"o\",\"ls\\r\\n\"]", lines[3]);
    }

    [Fact]
    public async Task ManySmallLines_AreWrittenInPendingArrays_AndCloseWritesTheRest()
    {
        var path = Path.Combine(_dir, "b.cast");
        var cast = new AsciicastWriter(path);
        cast.WriteHeader(80, 24, DateTimeOffset.UnixEpoch, "t");
        for (var i = 0; i < 2000; i++)
        {
            cast.WriteEvent(i, 'o', $"line {i}\r\n");
            Assert.InRange(cast.HeldBufferBytes, 1, AsciicastWriter.PendingBytes + (4 * AsciicastWriter.LineStartBytes));
        }

        Assert.Equal(cast.Written, cast.Position);
        await cast.CloseAsync();
        await cast.DisposeAsync();
        Assert.Equal(0, cast.HeldBufferBytes);
        var lines = File.ReadAllLines(path);
        Assert.Equal(2001, lines.Length);
        Assert.EndsWith("\"line 1999\\r\\n\"]", lines[^1], StringComparison.Ordinal);
        Assert.Equal(cast.Written, new FileInfo(path).Length);
    }
}

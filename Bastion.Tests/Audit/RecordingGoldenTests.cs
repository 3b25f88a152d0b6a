using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Bastion.Core.Recording;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Audit;

/// <summary>
/// Issue 12: the recorder's hot path was rewritten for CPU and allocation per MB; what a recording contains must not
/// change. Tricky output (UTF-8 split across reads and invalid bytes, decoded as the output pump does; lone surrogates;
/// ESC-heavy colour; CR/LF mixes; JSON's special characters; every BMP character; lines longer than the pending array)
/// is recorded and compared byte for byte, with the command log, against goldens the code before the rewrite wrote
/// (<c>Golden/*.gz</c>; <c>BASTION_WRITE_GOLDEN=1</c> rewrites them, for a change that is meant to change recordings).
/// </summary>
public sealed class RecordingGoldenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recording-golden-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TrickyOutput_IsRecordedByteForByte_AsBefore(bool recordInput)
    {
        var (cast, commands) = await RecordAsync(recordInput, new RecordingOptions());
        var name = recordInput ? "tricky-input" : "tricky-echo";
        AssertGolden($"{name}.cast", cast);
        AssertGolden($"{name}.commands.txt", Encoding.UTF8.GetBytes(commands));
    }

    [Fact]
    public async Task TheSizeCap_MarksAndSkips_AsBefore()
    {
        var (cast, commands) = await RecordAsync(recordInput: true, new RecordingOptions { MaxBytes = 6000 });
        AssertGolden("capped.cast", cast);
        AssertGolden("capped.commands.txt", Encoding.UTF8.GetBytes(commands));
    }

    private async Task<(byte[] Cast, string Commands)> RecordAsync(bool recordInput, RecordingOptions options)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        options.FlushInterval = TimeSpan.FromHours(1);
        options.CheckpointInterval = TimeSpan.FromDays(1);
        var commands = new StringBuilder();
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.cast");
        await using var recorder = await SessionRecorder.StartAsync(
            path, 80, 24, "golden \"title\" \uD800 é", recordInput, options, time,
            c =>
            {
                lock (commands)
                {
                    commands.Append(c.Offset.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(c.Line).Append('\n');
                }

                return Task.CompletedTask;
            },
            _ => Task.CompletedTask, CancellationToken.None).WithTimeout();

        foreach (var step in GoldenScript.Steps())
        {
            time.Advance(TimeSpan.FromTicks(12_345));
            switch (step.Kind)
            {
                case 'o':
                    Assert.True(recorder.OnOutput(step.Text));
                    break;
                case 'i':
                    recorder.OnInput(step.Text);
                    break;
                default:
                    recorder.OnResize(step.Cols, step.Rows);
                    break;
            }
        }

        var summary = await recorder.CompleteAsync().WithTimeout();
        Assert.False(summary.Failed);
        var cast = await File.ReadAllBytesAsync(path).WithTimeout();
        lock (commands)
        {
            return (cast, commands.ToString());
        }
    }

    private static void AssertGolden(string name, byte[] actual, [CallerFilePath] string source = "")
    {
        var golden = Path.Combine(Path.GetDirectoryName(source)!, "Golden", name + ".gz");
        if (Environment.GetEnvironmentVariable("BASTION_WRITE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            using var write = new GZipStream(File.Create(golden), CompressionLevel.SmallestSize);
            write.Write(actual);
        }

        using var read = new GZipStream(File.OpenRead(golden), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        read.CopyTo(copy);
        var expected = copy.ToArray();
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var at = expected.AsSpan().CommonPrefixLength(actual);
            var near = Encoding.UTF8.GetString(actual, Math.Max(0, at - 40), Math.Min(80, actual.Length - Math.Max(0, at - 40)));
            Assert.Fail($"{name}: {actual.Length} bytes against the golden's {expected.Length}; first difference at byte {at}, near: {near}");
        }
    }
}

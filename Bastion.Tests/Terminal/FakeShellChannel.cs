using Bastion.Core.Terminal;

namespace Bastion.Tests.Terminal;

/// <summary>A hand-written host side for relay tests: the test emits output, closes or fails the channel, and reads
/// what was typed.</summary>
internal sealed class FakeShellChannel : IShellChannel
{
    private readonly TaskCompletionSource<OutputBuffer> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<byte> _input = [];

    public string? Failure { get; private set; }

    public bool HostUnresponsive { get; set; }

    public int? ExitStatus { get; set; }

    public bool Disposed { get; private set; }

    public (int Cols, int Rows)? LastSize { get; private set; }

    public string Input
    {
        get
        {
            lock (_input)
            {
                return System.Text.Encoding.UTF8.GetString([.. _input]);
            }
        }
    }

    public void Start(OutputBuffer output) => _started.TrySetResult(output);

    public async Task EmitAsync(string text) => (await _started.Task).Write(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The shell exits (<paramref name="failure"/> null) or the connection fails with that reason.</summary>
    public async Task CloseAsync(string? failure = null)
    {
        Failure = failure;
        (await _started.Task).Complete();
    }

    public ValueTask WriteInputAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        lock (_input)
        {
            _input.AddRange(input.ToArray());
        }

        return ValueTask.CompletedTask;
    }

    public void Resize(int cols, int rows) => LastSize = (cols, rows);

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}

using System.Net;

namespace Bastion.Tests.Transfer;

/// <summary>A request body that sends <paramref name="bytes"/> bytes and then waits, never finishing, until the
/// request is cancelled: an upload the user cancels half way.</summary>
internal sealed class StallingContent(int bytes, CancellationTokenSource cancel) : HttpContent
{
    private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Sent => _sent.Task;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(new byte[bytes], cancel.Token);
        await stream.FlushAsync(cancel.Token);
        _sent.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancel.Token);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes * 4L; // claims more than it sends, as a file still being read does
        return true;
    }
}

using Bastion.Core.Validation;
using Renci.SshNet.Common;
using Renci.SshNet.Sftp;

namespace Bastion.Core.Transfer;

/// <summary>Turns what SSH.NET's SFTP client threw into a <see cref="TransferResult"/> the user can act on.</summary>
internal static class SftpErrors
{
    /// <param name="path">The remote path, for the message.</param>
    /// <param name="cancellationToken">The request's token: a cancelled request, or a browser that went away while the
    /// body streamed, is <see cref="TransferError.Cancelled"/>, not a host error.</param>
    public static TransferResult Classify(Exception ex, string path, CancellationToken cancellationToken) => ex switch
    {
        FileTooLargeException tooLarge => TransferResult.Failed(TransferError.TooLarge, ReplyMessages.FileTooLarge(Bytes(tooLarge.Limit))),
        SftpPermissionDeniedException => TransferResult.Failed(TransferError.PermissionDenied, ReplyMessages.FilePermissionDenied(path)),
        SftpPathNotFoundException => TransferResult.Failed(TransferError.NotFound, ReplyMessages.FileNoSuchPath(path)),
        SftpException { StatusCode: StatusCode.OperationUnsupported } => TransferResult.Failed(TransferError.HostError, ReplyMessages.FileUnsupported(path)),
        SftpException sftp => TransferResult.Failed(TransferError.HostError, ReplyMessages.FileHostRefused(path, sftp.Message)),
        OperationCanceledException when cancellationToken.IsCancellationRequested => TransferResult.Failed(TransferError.Cancelled, ReplyMessages.FileCancelled),
        SshConnectionException or SshOperationTimeoutException => TransferResult.Failed(TransferError.HostError, ReplyMessages.FileConnectionFailed(ex.Message)),
        SshException => TransferResult.Failed(TransferError.HostError, ReplyMessages.FileHostRefused(path, ex.Message)),

        // The session's SFTP connection was closed under the request (the session ended, the node is stopping:
        // ObjectDisposedException), or its channel had closed ("The session is not open."; sftp-server died).
        InvalidOperationException => TransferResult.Failed(TransferError.HostError, ReplyMessages.FileConnectionClosed(path)),

        // Not from SSH.NET: the browser's side of the stream (an aborted upload or download).
        IOException or OperationCanceledException => TransferResult.Failed(TransferError.Cancelled, ReplyMessages.FileInterrupted),
        _ => TransferResult.Failed(TransferError.HostError, ReplyMessages.FileOperationFailed(path, ex.GetType().Name)),
    };

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.#} KiB",
        _ => $"{bytes} bytes",
    };
}

namespace Bastion.Core.Validation;

/// <summary>Why a file operation of the file panel failed or was refused (<c>Core/Transfer</c>): the reply's
/// <c>reason</c> beside its transfer <c>code</c>, and the <c>reasonCode</c> of its audit event, so the panel and the
/// session's page say it in the reader's language. <c>path</c> is the remote path; <c>error</c> is the host's or SSH's
/// own words, shown as they are.</summary>
internal static partial class ReplyMessages
{
    public static FieldMessage FileTooLarge(string limit) =>
        FieldMessage.Of(ReplyCodes.FileTooLarge, $"the file is larger than the limit of {limit}", ("limit", limit));

    public static FieldMessage FileSizeOverLimit(string path, string size, string limit) =>
        FieldMessage.Of(ReplyCodes.FileSizeOverLimit, $"{path} is {size}, larger than the limit of {limit}", ("path", path), ("size", size), ("limit", limit));

    public static FieldMessage FileUploadOverLimit(string size, string limit) =>
        FieldMessage.Of(ReplyCodes.FileUploadOverLimit, $"the file is {size}, larger than the limit of {limit}", ("size", size), ("limit", limit));

    public static FieldMessage FilePermissionDenied(string path) => FieldMessage.Of(ReplyCodes.FilePermissionDenied, $"permission denied: {path}", ("path", path));

    public static FieldMessage FileNoSuchPath(string path) => FieldMessage.Of(ReplyCodes.FileNoSuchPath, $"no such file or directory: {path}", ("path", path));

    public static FieldMessage FileUnsupported(string path) =>
        FieldMessage.Of(ReplyCodes.FileUnsupported, $"the host does not support this operation on {path}", ("path", path));

    public static FieldMessage FileHostRefused(string path, string error) =>
        FieldMessage.Of(ReplyCodes.FileHostRefused, $"the host refused the operation on {path}: {error}", ("path", path), ("error", error));

    public static FieldMessage FileOperationFailed(string path, string error) =>
        FieldMessage.Of(ReplyCodes.FileOperationFailed, $"the operation on {path} failed: {error}", ("path", path), ("error", error));

    public static FieldMessage FileConnectionFailed(string error) =>
        FieldMessage.Of(ReplyCodes.FileConnectionFailed, $"the connection to the host failed: {error}", ("error", error));

    public static FieldMessage FileConnectionClosed(string path) =>
        FieldMessage.Of(ReplyCodes.FileConnectionClosed, $"the SFTP connection to the host closed during the operation on {path}", ("path", path));

    /// <summary>The session's SFTP connection could not be opened: <paramref name="error"/> is the connection failure's
    /// English message (the reply carries it as a <c>failure</c> code too).</summary>
    public static FieldMessage FileHostUnreachable(string error) => FieldMessage.Of(ReplyCodes.FileHostUnreachable, error, ("error", error));

    public static FieldMessage FileCancelled { get; } = FieldMessage.Of(ReplyCodes.FileCancelled, "the transfer was cancelled");

    public static FieldMessage FileInterrupted { get; } = FieldMessage.Of(ReplyCodes.FileInterrupted, "the transfer was interrupted by the browser");

    public static FieldMessage FileWaitCancelled { get; } =
        FieldMessage.Of(ReplyCodes.FileWaitCancelled, "the request was cancelled while waiting for the session's other transfers");

    public static FieldMessage FileSessionEnded { get; } = FieldMessage.Of(ReplyCodes.FileSessionEnded, "the session has ended");

    public static FieldMessage FileNotRegular(string path) => FieldMessage.Of(ReplyCodes.FileNotRegular, $"{path} is not a regular file", ("path", path));

    public static FieldMessage FileNoSpace(string path) => FieldMessage.Of(ReplyCodes.FileNoSpace, $"no space left on the host for {path}", ("path", path));

    public static FieldMessage FileExists(string path) => FieldMessage.Of(ReplyCodes.FileExists, $"{path} already exists", ("path", path));

    public static FieldMessage FileTransferOff { get; } =
        FieldMessage.Of(ReplyCodes.FileTransferOff, "your grant for this host allows neither upload nor download; ask an admin");

    public static FieldMessage FileUploadOff { get; } = FieldMessage.Of(ReplyCodes.FileUploadOff, "your grant for this host does not allow uploads; ask an admin");

    public static FieldMessage FileDownloadOff { get; } = FieldMessage.Of(ReplyCodes.FileDownloadOff, "your grant for this host does not allow downloads; ask an admin");

    public static FieldMessage FileChangesOff { get; } =
        FieldMessage.Of(ReplyCodes.FileChangesOff, "your grant for this host allows no changes to files (upload is off); ask an admin");

    public static FieldMessage FilePathInvalid { get; } = FieldMessage.Of(ReplyCodes.FilePathInvalid, "the path is not valid");

    public static FieldMessage FileNameHasSlash { get; } = FieldMessage.Of(ReplyCodes.FileNameHasSlash, "give the file a name without '/'");

    public static FieldMessage FolderNameHasSlash { get; } = FieldMessage.Of(ReplyCodes.FolderNameHasSlash, "give the folder a name without '/'");

    public static FieldMessage FileNewNameMissing { get; } = FieldMessage.Of(ReplyCodes.FileNewNameMissing, "give the new name");

    public static FieldMessage KeptCopyMismatch { get; } =
        FieldMessage.Of(ReplyCodes.KeptCopyMismatch, "the kept copy does not match the SHA-256 in its audit event; it is not sent");

    public static FieldMessage KeptCopyNotFound { get; } = FieldMessage.Of(ReplyCodes.KeptCopyNotFound, "no such kept copy");
}

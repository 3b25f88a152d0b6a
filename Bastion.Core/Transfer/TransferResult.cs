namespace Bastion.Core.Transfer;

/// <summary>How one file operation ended: done, or the error with a message fit for the user. For transfers, the
/// bytes moved and the SHA-256 of exactly those bytes (lower-case hex), also when the transfer failed part way.</summary>
internal sealed record TransferResult(TransferError Error, string? Message, long Bytes = 0, string? Sha256 = null)
{
    public bool Succeeded => Error == TransferError.None;

    public static TransferResult Done(long bytes = 0, string? sha256 = null) => new(TransferError.None, null, bytes, sha256);

    public static TransferResult Failed(TransferError error, string message, long bytes = 0, string? sha256 = null) => new(error, message, bytes, sha256);
}

using Bastion.Core.Ssh;
using Bastion.Core.Validation;

namespace Bastion.Core.Transfer;

/// <summary>How one file operation ended: done, or the error with its <see cref="Reason"/> (a
/// <see cref="ReplyCodes"/> code with its values, which the browser words; <see cref="Message"/> is its English text)
/// and, when the session's SFTP connection could not be opened, that connection failure as a <see cref="Failure"/>.
/// For transfers, the bytes moved and the SHA-256 of exactly those bytes (lower-case hex), also when the transfer
/// failed part way.</summary>
internal sealed record TransferResult(TransferError Error, string? Message, long Bytes = 0, string? Sha256 = null)
{
    public FieldMessage? Reason { get; init; }

    public FailureDetail? Failure { get; init; }

    public bool Succeeded => Error == TransferError.None;

    public static TransferResult Done(long bytes = 0, string? sha256 = null) => new(TransferError.None, null, bytes, sha256);

    public static TransferResult Failed(TransferError error, FieldMessage reason, long bytes = 0, string? sha256 = null, FailureDetail? failure = null) =>
        new(error, reason.Text, bytes, sha256) { Reason = reason, Failure = failure };
}

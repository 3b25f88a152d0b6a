namespace Bastion.Core.Transfer;

/// <summary>Stops a stream copy past <c>Transfer:MaxFileBytes</c>; caught by <see cref="SftpFiles"/> and turned into
/// <see cref="TransferError.TooLarge"/>, never seen by a caller.</summary>
internal sealed class FileTooLargeException(long limit) : IOException($"the file is larger than the limit of {limit} bytes")
{
    public long Limit => limit;
}

namespace Bastion.Core.Transfer;

/// <summary>Why a file operation did not happen; each has a stable <see cref="TransferCodes"/> code for the client.</summary>
internal enum TransferError
{
    None,
    NotAllowed,
    PermissionDenied,
    NotFound,
    Exists,
    NoSpace,
    TooLarge,
    BadPath,
    Unavailable,
    Cancelled,
    HostError,
    CopyCorrupt,
}

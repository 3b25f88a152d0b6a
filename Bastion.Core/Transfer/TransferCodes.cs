namespace Bastion.Core.Transfer;

/// <summary>The <c>code</c> of a file transfer problem reply (docs/ARCHITECTURE.md, client strings).</summary>
internal static class TransferCodes
{
    public const string NotAllowed = "transfer_not_allowed";
    public const string PermissionDenied = "permission_denied";
    public const string NotFound = "not_found";
    public const string Exists = "exists";
    public const string NoSpace = "no_space";
    public const string TooLarge = "too_large";
    public const string BadPath = "bad_path";
    public const string Unavailable = "sftp_unavailable";
    public const string Cancelled = "cancelled";
    public const string HostError = "host_error";
    public const string CopyCorrupt = "copy_corrupt";

    public static string Of(TransferError error) => error switch
    {
        TransferError.NotAllowed => NotAllowed,
        TransferError.PermissionDenied => PermissionDenied,
        TransferError.NotFound => NotFound,
        TransferError.Exists => Exists,
        TransferError.NoSpace => NoSpace,
        TransferError.TooLarge => TooLarge,
        TransferError.BadPath => BadPath,
        TransferError.Unavailable => Unavailable,
        TransferError.Cancelled => Cancelled,
        TransferError.CopyCorrupt => CopyCorrupt,
        _ => HostError,
    };
}

using Bastion.Core.Transfer;

namespace Bastion.Web.Transfer;

/// <summary>The reply of <c>GET /api/sessions/{id}/files</c>: the directory, its entries and what the caller may do.
/// <c>Total</c> counts the directory's entries; with <c>TotalCapped</c> the count stopped there
/// (<c>Transfer:MaxListCount</c>) and the directory has more.</summary>
internal sealed record FileListDto(
    string Path, string Parent, string Home, IReadOnlyList<RemoteEntry> Entries, bool Truncated, int Total, bool TotalCapped, bool AllowUpload, bool AllowDownload,
    long MaxFileBytes);

/// <summary>The reply of a completed upload, so the browser can compare the hash with its own.</summary>
internal sealed record FileUploadedDto(string Path, long Size, string? Sha256);

internal sealed record PathRequest(string? Path);

internal sealed record RenameRequest(string? From, string? To);

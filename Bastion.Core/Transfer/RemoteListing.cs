namespace Bastion.Core.Transfer;

/// <summary>A directory's entries (directories first, then by name), or why it could not be listed. When
/// <see cref="Truncated"/>, <see cref="Total"/> counts every entry, those left out too, unless <see cref="TotalCapped"/>:
/// then the directory has more than <see cref="Total"/> entries and the count stopped there
/// (<see cref="TransferOptions.MaxListCount"/>).</summary>
internal sealed record RemoteListing(string Path, IReadOnlyList<RemoteEntry> Entries, bool Truncated, int Total, TransferResult Result, bool TotalCapped = false);

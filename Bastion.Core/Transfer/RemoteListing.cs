namespace Bastion.Core.Transfer;

/// <summary>A directory's entries (directories first, then by name), or why it could not be listed.</summary>
internal sealed record RemoteListing(string Path, IReadOnlyList<RemoteEntry> Entries, bool Truncated, TransferResult Result);

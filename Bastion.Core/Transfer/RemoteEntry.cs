namespace Bastion.Core.Transfer;

/// <summary>One entry of a remote directory listing.</summary>
internal sealed record RemoteEntry(string Name, string Path, string Kind, long Size, DateTimeOffset Modified, string Permissions);

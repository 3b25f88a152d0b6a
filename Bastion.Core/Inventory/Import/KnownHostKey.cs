namespace Bastion.Core.Inventory.Import;

/// <summary>One host name's key from a known_hosts or ssh-keyscan line: the address and port it names, the key's type
/// and its SHA-256 fingerprint.</summary>
internal sealed record KnownHostKey(string Address, int Port, string KeyType, string Fingerprint);

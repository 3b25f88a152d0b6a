namespace Bastion.Core.Ssh;

/// <summary>What a host offered in key exchange, or why it could not be read.</summary>
internal sealed record ScannedHostKey(string? KeyType, string? Fingerprint, string? Error);

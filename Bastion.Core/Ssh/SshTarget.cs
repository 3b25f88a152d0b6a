namespace Bastion.Core.Ssh;

/// <summary>Everything needed to open one SSH connection. Holds decrypted secrets: never log or serialize it.</summary>
internal sealed record SshTarget
{
    public required string HostName { get; init; }

    /// <summary>The inventory id, so a refused key can be recorded as pending for that host.</summary>
    public Guid? HostId { get; init; }

    /// <summary>Reach this target through an SSH connection to the gateway (ProxyJump); both keys are verified.</summary>
    public SshTarget? Gateway { get; init; }

    public required string Address { get; init; }

    public required int Port { get; init; }

    public required string UserName { get; init; }

    public string? Password { get; init; }

    public string? PrivateKey { get; init; }

    public string? Passphrase { get; init; }

    /// <summary>The approved <c>SHA256:</c> fingerprint; null means no key is pinned and the connection is refused.</summary>
    public string? PinnedFingerprint { get; init; }

    public override string ToString() => $"{UserName}@{Address}:{Port}";
}

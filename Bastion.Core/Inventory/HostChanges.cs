namespace Bastion.Core.Inventory;

/// <summary>A host's fields as an admin sets them on create or update; the web layer has checked their form
/// (lengths, characters, a parsable private key). Secrets left out keep the host's current credential.</summary>
internal sealed record HostChanges
{
    public required string Name { get; init; }

    public required string Address { get; init; }

    public int Port { get; init; } = 22;

    public required string UserName { get; init; }

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyList<string>? Groups { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Keystrokes are recorded only on request: passwords typed at prompts would be stored too.</summary>
    public bool RecordInput { get; init; }

    /// <summary>Sessions here need a fresh second factor (step-up).</summary>
    public bool RequireMfa { get; init; }

    /// <summary>Session limit overrides (<see cref="Host.IdleTimeoutSeconds"/>...): null = the global setting.</summary>
    public int? IdleTimeoutSeconds { get; init; }

    public int? MaxDurationSeconds { get; init; }

    public int? MaxSessionsPerUser { get; init; }

    /// <summary>A .NET encoding name; empty means UTF-8.</summary>
    public string? Charset { get; init; }

    public Guid? GatewayHostId { get; init; }

    /// <summary>A shared credential to use instead of the host's own secrets.</summary>
    public Guid? CredentialId { get; init; }

    public string? Password { get; init; }

    public string? PrivateKey { get; init; }

    public string? Passphrase { get; init; }

    /// <summary>A pin in the normalised <c>SHA256:...</c> form; null keeps the current pin.</summary>
    public string? HostKeyFingerprint { get; init; }

    public bool HasSecret => !string.IsNullOrEmpty(Password) || !string.IsNullOrEmpty(PrivateKey);
}

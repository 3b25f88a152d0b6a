namespace Bastion.Core.Inventory;

/// <summary>A target machine in the inventory.</summary>
internal sealed class Host
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Address { get; set; }

    public int Port { get; set; } = 22;

    /// <summary>The login Bastion uses on the host.</summary>
    public required string UserName { get; set; }

    public string? Description { get; set; }

    /// <summary><c>key=value</c> pairs, newline-separated and sorted (see <see cref="HostTags"/>); grants select on them.</summary>
    public string Labels { get; set; } = "";

    /// <summary>Group names, comma-separated and sorted (see <see cref="HostTags"/>).</summary>
    public string Groups { get; set; } = "";

    /// <summary>The approved host key, <c>SHA256:...</c>; null until an admin pins one (then sessions are refused).</summary>
    public string? HostKeyFingerprint { get; set; }

    /// <summary>The approved key's algorithm (<c>ssh-ed25519</c>...), when known.</summary>
    public string? HostKeyType { get; set; }

    public Guid? CredentialId { get; set; }

    public Credential? Credential { get; set; }

    /// <summary>Another inventory host that Bastion tunnels through (ProxyJump); its own key is verified too.</summary>
    public Guid? GatewayHostId { get; set; }

    public Host? Gateway { get; set; }

    /// <summary>.NET encoding name of the host's terminal output (UTF-8 unless a legacy host needs GBK etc.).</summary>
    public string Charset { get; set; } = "utf-8";

    public bool Enabled { get; set; } = true;

    /// <summary>Keep keystrokes in session recordings. Off by default: passwords typed at prompts would be stored.</summary>
    public bool RecordInput { get; set; }

    /// <summary>Opening a session here needs a second factor given within <c>Auth:StepUpWindow</c> (issue 11).</summary>
    public bool RequireMfa { get; set; }

    /// <summary>Lifecycle limits for sessions on this host (issue 9); null = the global <c>Terminal:</c> setting,
    /// 0 = off (unlimited) here whatever the global one says. Seconds.</summary>
    public int? IdleTimeoutSeconds { get; set; }

    /// <summary>See <see cref="IdleTimeoutSeconds"/>; seconds after the shell opened.</summary>
    public int? MaxDurationSeconds { get; set; }

    /// <summary>The cap on the opening user's running sessions (all hosts) when opening one here; null = global, 0 = none.</summary>
    public int? MaxSessionsPerUser { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

namespace Bastion.Testing;

/// <summary>
/// The body of <c>POST /api/hosts</c> and <c>PUT /api/hosts/{id}</c>, built instead of written by hand:
/// <c>HostSpec.For(sshd).Named("web").Through(gatewayId)</c>. Fields left null are left out of the body (on update
/// that keeps the host's current secret). Values are not checked here: tests send invalid ones on purpose.
/// </summary>
public sealed record HostSpec
{
    public string? Name { get; init; }

    public string? Address { get; init; }

    public int? Port { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? PrivateKey { get; init; }

    public string? Passphrase { get; init; }

    public string? HostKeyFingerprint { get; init; }

    public string? CredentialId { get; init; }

    public string? GatewayHostId { get; init; }

    public string? Charset { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string>? Groups { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public bool? Enabled { get; init; }

    public bool? RecordInput { get; init; }

    /// <summary><paramref name="prefix"/> plus eight random hex digits, for tests that share one server.</summary>
    public static string UniqueName(string prefix = "host") => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary><paramref name="sshd"/>'s address and login with its password, pinned to its real host key.</summary>
    /// <param name="name">The host's name; null = <see cref="UniqueName"/>("host").</param>
    public static HostSpec For(SshdServer sshd, string? name = null) => new()
    {
        Name = name ?? UniqueName(),
        Address = sshd.Host,
        Port = sshd.Port,
        Username = sshd.UserName,
        Password = sshd.Password,
        HostKeyFingerprint = sshd.HostKeyFingerprint,
    };

    /// <summary>A host that is only an address (nothing listens there; for validation, import and listing tests).</summary>
    public static HostSpec At(string address, string? name = null, string username = "u", string? password = "p") => new()
    {
        Name = name ?? UniqueName(),
        Address = address,
        Username = username,
        Password = password,
    };

    public HostSpec Named(string name) => this with { Name = name };

    /// <summary>Logs in with <paramref name="sshd"/>'s client key instead of the password.</summary>
    public HostSpec WithKey(SshdServer sshd) => this with { Password = null, PrivateKey = sshd.ClientPrivateKeyText };

    /// <summary>Logs in with a shared credential instead of its own secret.</summary>
    public HostSpec WithCredential(string? credentialId) => this with { Password = null, PrivateKey = null, CredentialId = credentialId };

    /// <summary>No secret in the body (on update: keep the current one).</summary>
    public HostSpec WithoutSecret() => this with { Password = null, PrivateKey = null, Passphrase = null };

    /// <summary>Pinned to <paramref name="fingerprint"/>; null = not pinned (trust on first use, or review).</summary>
    public HostSpec PinnedTo(string? fingerprint) => this with { HostKeyFingerprint = fingerprint };

    public HostSpec Unpinned() => PinnedTo(null);

    /// <summary>Reached through the gateway host <paramref name="gatewayHostId"/> (ProxyJump).</summary>
    public HostSpec Through(string gatewayHostId) => this with { GatewayHostId = gatewayHostId };

    public HostSpec WithCharset(string charset) => this with { Charset = charset };

    /// <summary>The JSON body: camelCase names, null fields left out.</summary>
    public Dictionary<string, object?> ToBody()
    {
        var body = new Dictionary<string, object?>();
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                body[key] = value;
            }
        }

        Add("name", Name);
        Add("address", Address);
        Add("port", Port);
        Add("username", Username);
        Add("password", Password);
        Add("privateKey", PrivateKey);
        Add("passphrase", Passphrase);
        Add("hostKeyFingerprint", HostKeyFingerprint);
        Add("credentialId", CredentialId);
        Add("gatewayHostId", GatewayHostId);
        Add("charset", Charset);
        Add("description", Description);
        Add("groups", Groups);
        Add("labels", Labels);
        Add("enabled", Enabled);
        Add("recordInput", RecordInput);
        return body;
    }
}

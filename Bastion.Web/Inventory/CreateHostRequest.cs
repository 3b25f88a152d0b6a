using Bastion.Core.Inventory;
using Bastion.Core.Terminal;

namespace Bastion.Web.Inventory;

/// <summary>Body of <c>POST /api/hosts</c> and <c>PUT /api/hosts/{id}</c>. Secrets are write-only: on update, leaving
/// them out keeps the current credential.</summary>
internal sealed record CreateHostRequest(
    string? Name, string? Address, int? Port, string? Username, string? Password, string? PrivateKey, string? Passphrase, string? HostKeyFingerprint,
    string? Description = null, Dictionary<string, string>? Labels = null, List<string>? Groups = null, bool? Enabled = null, string? Charset = null,
    string? GatewayHostId = null, string? CredentialId = null, bool? RecordInput = null,
    int? IdleTimeoutSeconds = null, int? MaxDurationSeconds = null, int? MaxSessionsPerUser = null, bool? RequireMfa = null)
{
    private bool HasSecret => !string.IsNullOrEmpty(Password) || !string.IsNullOrEmpty(PrivateKey);

    /// <summary>Field errors keyed by the JSON property name, for the form to show next to each field.</summary>
    public Dictionary<string, string[]> Validate(bool isUpdate = false)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            Add("name", "a name of 1 to 100 characters is required");
        }

        if (string.IsNullOrWhiteSpace(Address) || Address.Length > 255 || Address.Any(char.IsWhiteSpace))
        {
            Add("address", "a host name or IP address is required");
        }

        if (Port is < 1 or > 65535)
        {
            Add("port", "port must be 1 to 65535");
        }

        if (string.IsNullOrWhiteSpace(Username) || Username.Length > 64)
        {
            Add("username", "a login of 1 to 64 characters is required");
        }

        if (!isUpdate && !HasSecret && string.IsNullOrEmpty(CredentialId))
        {
            Add("password", "give a password, a private key, or a shared credential");
        }

        if (!string.IsNullOrEmpty(CredentialId) && HasSecret)
        {
            Add("credentialId", "use either a shared credential or the host's own secrets, not both");
        }

        if (!string.IsNullOrEmpty(CredentialId) && !Guid.TryParse(CredentialId, out _))
        {
            Add("credentialId", "unknown credential");
        }

        if (!string.IsNullOrEmpty(PrivateKey) && PrivateKeyCheck.Error(PrivateKey, Passphrase) is { } keyError)
        {
            Add("privateKey", keyError);
        }

        if (!string.IsNullOrWhiteSpace(HostKeyFingerprint) && Core.Ssh.HostKeyFingerprint.Normalize(HostKeyFingerprint) is null)
        {
            Add("hostKeyFingerprint", "use the SHA256:... form printed by ssh-keygen -lf");
        }

        if (Description is { Length: > 1000 })
        {
            Add("description", "at most 1000 characters");
        }

        if (Labels is not null && (Labels.Count > 50 || Labels.Any(kv => !HostTags.IsValidName(kv.Key.Trim()) || !HostTags.IsValidValue(kv.Value.Trim()))))
        {
            Add("labels", "labels are key=value with letters, digits and . - _ / (keys 1 to 63 characters, at most 50 labels)");
        }

        if (Groups is not null && (Groups.Count > 50 || Groups.Any(g => !HostTags.IsValidName(g.Trim()))))
        {
            Add("groups", "group names use letters, digits and . - _ / (1 to 63 characters)");
        }

        if (!string.IsNullOrWhiteSpace(Charset) && !Charset.Trim().Equals("utf-8", StringComparison.OrdinalIgnoreCase) && TerminalEncodings.TryGet(Charset.Trim()) is null)
        {
            Add("charset", "unknown charset; use a .NET encoding name such as utf-8, gbk, gb18030, big5, shift_jis");
        }

        if (!string.IsNullOrEmpty(GatewayHostId) && !Guid.TryParse(GatewayHostId, out _))
        {
            Add("gatewayHostId", "unknown gateway host");
        }

        // Session limit overrides: null = the global Terminal: setting, 0 = off on this host.
        if (IdleTimeoutSeconds is < 0 or > MaxLimitSeconds)
        {
            Add("idleTimeoutSeconds", "idle timeout must be 0 (off) to 31536000 seconds, or empty for the global setting");
        }

        if (MaxDurationSeconds is < 0 or > MaxLimitSeconds)
        {
            Add("maxDurationSeconds", "maximum duration must be 0 (off) to 31536000 seconds, or empty for the global setting");
        }

        if (MaxSessionsPerUser is < 0 or > 100000)
        {
            Add("maxSessionsPerUser", "sessions per user must be 0 (unlimited) to 100000, or empty for the global setting");
        }

        return errors;
    }

    /// <summary>A year: longer limits are a typo, and keep the value far from a timer's range.</summary>
    private const int MaxLimitSeconds = 365 * 24 * 3600;

    /// <summary>The request as the inventory's terms; call only when <see cref="Validate"/> found nothing.</summary>
    public HostChanges ToChanges() => new()
    {
        Name = Name!,
        Address = Address!,
        Port = Port ?? 22,
        UserName = Username!,
        Description = Description,
        Labels = Labels,
        Groups = Groups,
        Enabled = Enabled ?? true,
        RecordInput = RecordInput ?? false,
        RequireMfa = RequireMfa ?? false,
        IdleTimeoutSeconds = IdleTimeoutSeconds,
        MaxDurationSeconds = MaxDurationSeconds,
        MaxSessionsPerUser = MaxSessionsPerUser,
        Charset = Charset,
        GatewayHostId = Guid.TryParse(GatewayHostId, out var gatewayId) ? gatewayId : null,
        CredentialId = Guid.TryParse(CredentialId, out var credentialId) ? credentialId : null,
        Password = Password,
        PrivateKey = PrivateKey,
        Passphrase = Passphrase,
        HostKeyFingerprint = Core.Ssh.HostKeyFingerprint.Normalize(HostKeyFingerprint),
    };
}

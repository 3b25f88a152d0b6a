using Bastion.Core.Inventory;
using Bastion.Core.Terminal;
using Bastion.Core.Validation;

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
    public FieldErrors Validate(bool isUpdate = false)
    {
        var errors = new FieldErrors();
        void Add(string field, FieldMessage message) => errors.Add(field, message);

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            Add("name", FieldMessages.NameLength(100));
        }

        if (string.IsNullOrWhiteSpace(Address) || Address.Length > 255 || Address.Any(char.IsWhiteSpace))
        {
            Add("address", FieldMessages.AddressRequired);
        }

        if (Port is < 1 or > 65535)
        {
            Add("port", FieldMessages.PortRange);
        }

        if (string.IsNullOrWhiteSpace(Username) || Username.Length > 64)
        {
            Add("username", FieldMessages.LoginLength(64));
        }

        if (!isUpdate && !HasSecret && string.IsNullOrEmpty(CredentialId))
        {
            Add("password", FieldMessages.SecretRequired);
        }

        if (!string.IsNullOrEmpty(CredentialId) && HasSecret)
        {
            Add("credentialId", FieldMessages.SecretBoth);
        }

        if (!string.IsNullOrEmpty(CredentialId) && !Guid.TryParse(CredentialId, out _))
        {
            Add("credentialId", FieldMessages.CredentialUnknown);
        }

        if (!string.IsNullOrEmpty(PrivateKey) && PrivateKeyCheck.Error(PrivateKey, Passphrase) is { } keyError)
        {
            Add("privateKey", keyError);
        }

        if (!string.IsNullOrWhiteSpace(HostKeyFingerprint) && Core.Ssh.HostKeyFingerprint.Normalize(HostKeyFingerprint) is null)
        {
            Add("hostKeyFingerprint", FieldMessages.FingerprintFormat);
        }

        if (Description is { Length: > 1000 })
        {
            Add("description", FieldMessages.TextTooLong(1000));
        }

        if (Labels is not null && (Labels.Count > 50 || Labels.Any(kv => !HostTags.IsValidName(kv.Key.Trim()) || !HostTags.IsValidValue(kv.Value.Trim()))))
        {
            Add("labels", FieldMessages.LabelsFormat);
        }

        if (Groups is not null && (Groups.Count > 50 || Groups.Any(g => !HostTags.IsValidName(g.Trim()))))
        {
            Add("groups", FieldMessages.GroupsFormat);
        }

        if (!string.IsNullOrWhiteSpace(Charset) && !Charset.Trim().Equals("utf-8", StringComparison.OrdinalIgnoreCase) && TerminalEncodings.TryGet(Charset.Trim()) is null)
        {
            Add("charset", FieldMessages.CharsetUnknown);
        }

        if (!string.IsNullOrEmpty(GatewayHostId) && !Guid.TryParse(GatewayHostId, out _))
        {
            Add("gatewayHostId", FieldMessages.GatewayUnknown);
        }

        // Session limit overrides: null = the global Terminal: setting, 0 = off on this host.
        if (IdleTimeoutSeconds is < 0 or > MaxLimitSeconds)
        {
            Add("idleTimeoutSeconds", FieldMessages.IdleTimeoutRange);
        }

        if (MaxDurationSeconds is < 0 or > MaxLimitSeconds)
        {
            Add("maxDurationSeconds", FieldMessages.MaxDurationRange);
        }

        if (MaxSessionsPerUser is < 0 or > 100000)
        {
            Add("maxSessionsPerUser", FieldMessages.SessionsPerUserRange);
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

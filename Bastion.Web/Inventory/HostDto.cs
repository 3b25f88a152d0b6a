using Bastion.Core.Inventory;
using Host = Bastion.Core.Inventory.Host;

namespace Bastion.Web.Inventory;

/// <summary>A host as the API shows it. Never carries a secret; <see cref="CredentialName"/> names a shared
/// credential, <see cref="HasCredential"/> says whether any is set.</summary>
internal sealed record HostDto(
    string Id, string Name, string Address, int Port, string Username, string? HostKeyFingerprint, string? HostKeyType,
    string? Description, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> Groups, bool Enabled, string Charset,
    string? GatewayHostId, string? CredentialId, string? CredentialName, bool HasCredential, bool RecordInput,
    int? IdleTimeoutSeconds, int? MaxDurationSeconds, int? MaxSessionsPerUser, bool RequireMfa)
{
    public static HostDto From(Host host) => new(
        host.Id.ToString(), host.Name, host.Address, host.Port, host.UserName, host.HostKeyFingerprint, host.HostKeyType,
        host.Description, HostTags.ParseLabels(host.Labels), HostTags.ParseGroups(host.Groups), host.Enabled, host.Charset,
        host.GatewayHostId?.ToString(), host.Credential?.Name is null ? null : host.CredentialId?.ToString(), host.Credential?.Name,
        host.CredentialId is not null, host.RecordInput,
        host.IdleTimeoutSeconds, host.MaxDurationSeconds, host.MaxSessionsPerUser, host.RequireMfa);
}

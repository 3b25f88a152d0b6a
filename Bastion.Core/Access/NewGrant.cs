namespace Bastion.Core.Access;

/// <summary>A grant as an admin asks for it; ids are still text, so an unknown or malformed one is a field error.</summary>
internal sealed record NewGrant(
    string? UserId, string? UserGroup, string? HostId, string? HostGroup, string? LabelSelector, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? Login,
    bool? AllowUpload = null, bool? AllowDownload = null);

using Bastion.Core.Inventory;

namespace Bastion.Core.Access;

/// <summary>
/// Lets a user, or every member of a user group, open terminals to a host, a host group, or the hosts whose labels
/// match a selector; optionally only within a time window and with a different login. Exactly one subject
/// (<see cref="UserId"/> or <see cref="UserGroup"/>) and one target (<see cref="HostId"/>, <see cref="HostGroup"/> or
/// <see cref="LabelSelector"/>) are set.
/// </summary>
internal sealed class Grant
{
    public Guid Id { get; set; }

    public Guid? UserId { get; set; }

    public string? UserGroup { get; set; }

    public Guid? HostId { get; set; }

    public string? HostGroup { get; set; }

    /// <summary><c>k=v[,k=v...]</c>: every pair must be a label of the host.</summary>
    public string? LabelSelector { get; set; }

    public DateTimeOffset? NotBefore { get; set; }

    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>Log in as this user instead of the host's own login.</summary>
    public string? LoginOverride { get; set; }

    /// <summary>File upload over SFTP through this grant (issue 14); null follows <c>Transfer:DefaultAllow</c>, which is
    /// also what grants made before the flag existed get.</summary>
    public bool? AllowUpload { get; set; }

    /// <summary>File download over SFTP through this grant; null follows <c>Transfer:DefaultAllow</c>.</summary>
    public bool? AllowDownload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => (NotBefore is null || NotBefore <= now) && (NotAfter is null || now < NotAfter);

    public bool AppliesTo(User user) =>
        (UserId is { } id && id == user.Id) || (UserGroup is { } group && user.GroupList.Contains(group, StringComparer.Ordinal));

    public bool Covers(Host host)
    {
        if (HostId is { } id)
        {
            return id == host.Id;
        }

        if (HostGroup is { } group)
        {
            return HostTags.ParseGroups(host.Groups).Contains(group, StringComparer.Ordinal);
        }

        return HostTags.ParseSelector(LabelSelector) is { } selector && HostTags.MatchesSelector(HostTags.ParseLabels(host.Labels), selector);
    }
}

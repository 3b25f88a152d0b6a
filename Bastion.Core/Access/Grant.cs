namespace Bastion.Core.Access;

/// <summary>Lets one user open terminals to one host, optionally only within a time window.</summary>
internal sealed class Grant
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid HostId { get; set; }

    public DateTimeOffset? NotBefore { get; set; }

    public DateTimeOffset? NotAfter { get; set; }

    public bool IsActive(DateTimeOffset now) => (NotBefore is null || NotBefore <= now) && (NotAfter is null || now < NotAfter);
}

namespace Bastion.Core.Inventory;

/// <summary>A host a user starred (issue 14): listed first on their hosts page and in the quick-connect palette. One
/// row per (user, host); it goes with either of them (cascade). A star gives no access: hosts the user may no longer
/// open are left out of every answer.</summary>
internal sealed class FavouriteHost
{
    public Guid UserId { get; set; }

    public Guid HostId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

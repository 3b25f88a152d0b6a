using Bastion.Core.Access;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Inventory;

/// <summary>
/// A user's favourite and recent hosts (issue 14). Favourites are rows of <see cref="FavouriteHost"/>; recent hosts
/// are derived from the user's own sessions (the sessions index), so they need no table of their own. Both answers
/// hold only hosts the user may open now (<see cref="AccessPolicy"/>), and a host the user may not open is "not found",
/// the same answer as for an unknown one.
/// </summary>
internal sealed class HostShortcuts(BastionDbContext db, AccessPolicy policy, HostListing listing, TimeProvider time)
{
    /// <summary>How many distinct recent hosts are listed.</summary>
    public const int RecentLimit = 5;

    /// <summary>Sessions read to find them: bounded, so a user with a long history costs the same as a new one.</summary>
    public const int RecentSessionsScanned = 200;

    /// <summary>Distinct hosts of those sessions read back (some may no longer be open to the user); with the
    /// favourites they fit one page of <see cref="HostListing"/>.</summary>
    public const int RecentCandidates = 50;

    /// <summary>The user's favourite hosts (newest star first, at most <see cref="HostQuery.MaxLimit"/> less <see cref="RecentCandidates"/>) and recent
    /// hosts (latest session first): only those hosts are read, in one query with the access rule (issue 14: this was a
    /// filter over every host the user may open).</summary>
    public async Task<(List<Host> Favourites, List<Host> Recent)> ListAsync(User user, CancellationToken cancellationToken)
    {
        // The star time is ordered here: SQLite cannot order DateTimeOffset columns. A user's stars are few rows of ids.
        var stars = await db.FavouriteHosts.AsNoTracking().Where(f => f.UserId == user.Id).Select(f => new { f.HostId, f.CreatedAt }).ToListAsync(cancellationToken);
        var favouriteIds = stars.OrderByDescending(f => f.CreatedAt).Select(f => f.HostId).Take(HostQuery.MaxLimit - RecentCandidates).ToList();
        var recentSessions = await db.Sessions.Where(s => s.UserName == user.UserName).OrderByDescending(s => s.StartedMs)
            .Take(RecentSessionsScanned).Select(s => s.HostId).ToListAsync(cancellationToken);
        var recentIds = recentSessions.Distinct().Take(RecentCandidates).ToList();
        if (favouriteIds.Count == 0 && recentIds.Count == 0)
        {
            return ([], []);
        }

        var access = await policy.OpenableFilterAsync(user, cancellationToken);
        var page = await listing.ListAsync(new HostQuery { Ids = [.. favouriteIds, .. recentIds], Limit = HostQuery.MaxLimit }, access, cancellationToken);
        var byId = page.Hosts.ToDictionary(h => h.Id);
        return (
            [.. favouriteIds.Where(byId.ContainsKey).Select(id => byId[id])],
            [.. recentIds.Where(byId.ContainsKey).Take(RecentLimit).Select(id => byId[id])]);
    }

    /// <summary>Whether <paramref name="hostId"/> is one of the user's favourites; null when the user may not open it.</summary>
    public async Task<bool?> IsFavouriteAsync(User user, Guid hostId, CancellationToken cancellationToken)
    {
        if (await policy.FindOpenableAsync(user, hostId, cancellationToken) is null)
        {
            return null;
        }

        return await db.FavouriteHosts.AnyAsync(f => f.UserId == user.Id && f.HostId == hostId, cancellationToken);
    }

    /// <summary>Stars the host (again is fine); false when the user may not open it.</summary>
    public async Task<bool> AddAsync(User user, Guid hostId, CancellationToken cancellationToken)
    {
        if (await IsFavouriteAsync(user, hostId, cancellationToken) is not { } already)
        {
            return false;
        }

        if (!already)
        {
            var row = db.FavouriteHosts.Add(new FavouriteHost { UserId = user.Id, HostId = hostId, CreatedAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two tabs starred it at once: the unique pair kept the other's row, which is the outcome both asked for.
                row.State = EntityState.Detached;
                if (!await db.FavouriteHosts.AnyAsync(f => f.UserId == user.Id && f.HostId == hostId, cancellationToken))
                {
                    throw;
                }
            }
        }

        return true;
    }

    /// <summary>Removes the star; true when there was one or the user may open the host (so removing twice is fine),
    /// false for a host that is neither (unknown, or not theirs).</summary>
    public async Task<bool> RemoveAsync(User user, Guid hostId, CancellationToken cancellationToken)
    {
        var removed = await db.FavouriteHosts.Where(f => f.UserId == user.Id && f.HostId == hostId).ExecuteDeleteAsync(cancellationToken);
        return removed > 0 || await policy.FindOpenableAsync(user, hostId, cancellationToken) is not null;
    }
}

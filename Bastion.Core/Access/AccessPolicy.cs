using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Access;

/// <summary>
/// Who may open a terminal to which host. The host list, the ticket endpoint and the terminal endpoint all ask here,
/// so the answer cannot differ between them.
/// </summary>
internal sealed class AccessPolicy(BastionDbContext db, TimeProvider time)
{
    /// <summary>The enabled hosts <paramref name="user"/> may open now, ordered by name.</summary>
    public async Task<List<Host>> ListOpenableAsync(User user, CancellationToken cancellationToken)
    {
        if (user.Disabled)
        {
            return [];
        }

        var hosts = db.Hosts.Where(h => h.Enabled);
        if (!user.IsInRole(Roles.Admin))
        {
            var granted = await ActiveGrantedHostIdsAsync(user.Id, cancellationToken);
            hosts = hosts.Where(h => granted.Contains(h.Id));
        }

        return await hosts.OrderBy(h => h.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The host with its credential if <paramref name="user"/> may open it now; null for both "no such host"
    /// and "not allowed", so callers cannot tell the two apart to a client.</summary>
    public async Task<Host?> FindOpenableAsync(User user, Guid hostId, CancellationToken cancellationToken)
    {
        if (user.Disabled)
        {
            return null;
        }

        var host = await db.Hosts.Include(h => h.Credential).FirstOrDefaultAsync(h => h.Id == hostId && h.Enabled, cancellationToken);
        if (host is null || user.IsInRole(Roles.Admin))
        {
            return host;
        }

        var granted = await ActiveGrantedHostIdsAsync(user.Id, cancellationToken);
        return granted.Contains(hostId) ? host : null;
    }

    private async Task<HashSet<Guid>> ActiveGrantedHostIdsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grants = await db.Grants.Where(g => g.UserId == userId).ToListAsync(cancellationToken);
        return grants.Where(g => g.IsActive(now)).Select(g => g.HostId).ToHashSet();
    }
}

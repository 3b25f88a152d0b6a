using System.Linq.Expressions;
using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Access;

/// <summary>
/// Who may open a terminal to which host. The host list, the ticket endpoint, the terminal endpoint and the live
/// session watchdog all ask here, so the answer cannot differ between them. Admins may open every enabled host;
/// everyone else needs an active grant (issue #3).
/// </summary>
internal sealed class AccessPolicy(BastionDbContext db, TimeProvider time)
{
    /// <summary>The enabled hosts <paramref name="user"/> may open now, as a predicate the database evaluates (issue
    /// 14: host lists are paged in SQL, not filtered over every host in memory). The user's grants are read here, one
    /// query; each active grant adds its target (a host, a group, a label selector) as one alternative.</summary>
    public async Task<Expression<Func<Host, bool>>> OpenableFilterAsync(User user, CancellationToken cancellationToken)
    {
        if (user.Disabled)
        {
            return h => false;
        }

        if (user.IsInRole(Roles.Admin))
        {
            return h => h.Enabled;
        }

        var grants = await ActiveGrantsAsync(user, cancellationToken);
        var ids = grants.Where(g => g.HostId is not null).Select(g => g.HostId!.Value).ToList();
        Expression<Func<Host, bool>> covered = ids.Count == 0 ? h => false : HostFilters.InIds(ids);
        foreach (var group in grants.Where(g => g.HostId is null && g.HostGroup is not null).Select(g => g.HostGroup!).Distinct(StringComparer.Ordinal))
        {
            covered = HostFilters.Or(covered, HostFilters.InGroup(group));
        }

        // As Grant.Covers: a selector that does not parse covers nothing.
        foreach (var grant in grants.Where(g => g.HostId is null && g.HostGroup is null))
        {
            if (HostTags.ParseSelector(grant.LabelSelector) is { } selector)
            {
                covered = HostFilters.Or(covered, HostFilters.MatchesSelector(selector));
            }
        }

        return HostFilters.And(h => h.Enabled, covered);
    }

    /// <summary>The host with its credential (and gateway) if <paramref name="user"/> may open it now; null for both
    /// "no such host" and "not allowed", so callers cannot tell the two apart to a client.</summary>
    public async Task<Host?> FindOpenableAsync(User user, Guid hostId, CancellationToken cancellationToken) =>
        (await ResolveAsync(user, hostId, cancellationToken))?.Host;

    /// <summary>As <see cref="FindOpenableAsync"/>, with the login to use (a grant's override, else the host's).</summary>
    public async Task<OpenableHost?> ResolveAsync(User user, Guid hostId, CancellationToken cancellationToken)
    {
        if (user.Disabled)
        {
            return null;
        }

        var host = await db.Hosts
            .Include(h => h.Credential)
            .Include(h => h.Gateway).ThenInclude(g => g!.Credential)
            .FirstOrDefaultAsync(h => h.Id == hostId && h.Enabled, cancellationToken);
        if (host is null)
        {
            return null;
        }

        if (user.IsInRole(Roles.Admin))
        {
            return new OpenableHost(host, host.UserName);
        }

        var grant = (await ActiveGrantsAsync(user, cancellationToken)).Where(g => g.Covers(host))
            .OrderBy(g => g.LoginOverride is null ? 0 : 1) // a plain grant wins over an override
            .FirstOrDefault();
        return grant is null ? null : new OpenableHost(host, grant.LoginOverride ?? host.UserName);
    }

    /// <summary>The active grants through which <paramref name="user"/> may open the host now (empty for an admin, who
    /// needs none); null when the host cannot be opened at all. File transfer reads their flags (issue 14).</summary>
    public async Task<List<Grant>?> CoveringGrantsAsync(User user, Guid hostId, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(user, hostId, cancellationToken) is not { } openable)
        {
            return null;
        }

        return user.IsInRole(Roles.Admin) ? [] : [.. (await ActiveGrantsAsync(user, cancellationToken)).Where(g => g.Covers(openable.Host))];
    }

    /// <summary>Whether the user (by id) still exists, is enabled and may open the host now; for live sessions.</summary>
    public async Task<bool> StillAllowedAsync(Guid userId, Guid hostId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is not null && await ResolveAsync(user, hostId, cancellationToken) is not null;
    }

    private async Task<List<Grant>> ActiveGrantsAsync(User user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var groups = user.GroupList.ToList();
        var grants = await db.Grants.AsNoTracking()
            .Where(g => g.UserId == user.Id || (g.UserGroup != null && groups.Contains(g.UserGroup)))
            .ToListAsync(cancellationToken);
        return [.. grants.Where(g => g.IsActive(now) && g.AppliesTo(user))];
    }
}

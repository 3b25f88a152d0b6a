using System.Linq.Expressions;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Inventory;

/// <summary>
/// Pages of the host inventory, filtered and counted in the database (issue 14): every host list of the pages asks
/// here for one page at a time, so no answer holds the whole inventory. One query: the page by name after the cursor,
/// each row carrying the count of all matching hosts (an uncorrelated subquery both engines evaluate once); a second
/// one only when a cursor points past the last host.
/// </summary>
internal sealed class HostListing(BastionDbContext db)
{
    /// <summary>The page of hosts that <paramref name="access"/> (see <c>AccessPolicy.OpenableFilterAsync</c>; null:
    /// every host) lets through and <paramref name="query"/> asks for; with their credentials (names shown, never
    /// secrets) only when <see cref="HostQuery.IncludeCredentials"/> asks (the admins' inventory).</summary>
    public async Task<HostPage> ListAsync(HostQuery query, Expression<Func<Host, bool>>? access, CancellationToken cancellationToken)
    {
        var matching = Filter(db.Hosts.AsNoTracking(), query, access);
        var size = query.PageSize;
        var after = query.After;
        var page = after is null ? matching : matching.Where(h => string.Compare(h.Name, after) > 0);
        var ordered = page.OrderBy(h => h.Name).Take(size + 1);
        var rows = await (query.IncludeCredentials
                ? ordered.Select(h => new { Host = h, h.Credential, Total = matching.Count() })
                : ordered.Select(h => new { Host = h, Credential = (Credential?)null, Total = matching.Count() }))
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return after is null ? HostPage.Empty : new HostPage([], await matching.CountAsync(cancellationToken), null);
        }

        var hosts = rows.Take(size).Select(row =>
        {
            row.Host.Credential = row.Credential;
            return row.Host;
        }).ToList();
        return new HostPage(hosts, rows[0].Total, rows.Count > size ? hosts[^1].Name : null);
    }

    private static IQueryable<Host> Filter(IQueryable<Host> hosts, HostQuery query, Expression<Func<Host, bool>>? access)
    {
        if (access is not null)
        {
            hosts = hosts.Where(access);
        }

        if (!query.IncludeDisabled)
        {
            hosts = hosts.Where(h => h.Enabled);
        }

        if (query.Ids is { } ids)
        {
            hosts = hosts.Where(HostFilters.InIds(ids));
        }

        if (!string.IsNullOrWhiteSpace(query.Group))
        {
            hosts = hosts.Where(HostFilters.InGroup(query.Group.Trim()));
        }

        if (query.Label?.Trim() is { Length: > 0 } label)
        {
            var eq = label.IndexOf('=', StringComparison.Ordinal);
            hosts = eq > 0 ? hosts.Where(HostFilters.HasLabel(label[..eq].Trim(), label[(eq + 1)..].Trim())) : hosts.Where(HostFilters.HasLabelKey(label));
        }

        if (query.Text?.Trim() is { Length: > 0 } text)
        {
            hosts = hosts.Where(HostFilters.Mentions(text.ToLowerInvariant()));
        }

        return hosts;
    }
}

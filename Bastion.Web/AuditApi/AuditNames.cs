using System.Text.RegularExpressions;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.AuditApi;

/// <summary>The names of the hosts and users a page of events refers to by id (its host column and ids inside its
/// data, such as a grant's <c>userId</c>), looked up once per page so the page shows names, not ids.</summary>
internal static partial class AuditNames
{
    public static async Task<IReadOnlyDictionary<string, string>> ResolveAsync(
        BastionDbContext db, IReadOnlyList<AuditRecord> rows, CancellationToken cancellationToken)
    {
        var ids = new HashSet<Guid>();
        foreach (var row in rows)
        {
            if (row.HostId is { } hostId)
            {
                ids.Add(hostId);
            }

            foreach (Match m in GuidText().Matches(row.DataJson))
            {
                if (Guid.TryParse(m.Value, out var id))
                {
                    ids.Add(id);
                }
            }
        }

        if (ids.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in await db.Hosts.AsNoTracking().Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.Name }).ToListAsync(cancellationToken))
        {
            names[host.Id.ToString()] = host.Name;
        }

        foreach (var user in await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellationToken))
        {
            names[user.Id.ToString()] = user.UserName;
        }

        return names;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidText();
}

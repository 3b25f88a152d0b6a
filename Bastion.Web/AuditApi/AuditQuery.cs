using System.Globalization;
using System.Linq.Expressions;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.AuditApi;

/// <summary>The filters shared by the audit list and its exports. Times are ISO 8601 or Unix milliseconds.</summary>
internal sealed partial record AuditQuery(string? From, string? To, string? User, string? Host, string? Type, string? Session, long? Before, int? Limit)
{
    public const int MaxLimit = 1000;

    /// <summary>A host or user filter that matches more than this many names or id prefixes is cut here (the list
    /// stays an index lookup, not a scan per row); a longer text narrows it.</summary>
    public const int MaxSubjects = 200;

    public int PageSize => Math.Clamp(Limit ?? 100, 1, MaxLimit);

    /// <summary>Applies the filters, or returns an error message for a malformed one. <see cref="Host"/> and
    /// <see cref="User"/> match a name (a host's current name, part of it, case-insensitive; a user's exact name) or an
    /// id prefix, resolved through <paramref name="db"/> to ids, so an event about a host or user is found whatever its
    /// type (<c>host.updated</c>, <c>grant.created</c>, <c>session.ended</c>, ...).</summary>
    public async Task<(IQueryable<AuditRecord>? Query, FieldMessage? Error)> ApplyAsync(
        IQueryable<AuditRecord> source, BastionDbContext db, CancellationToken cancellationToken)
    {
        var query = source;
        if (!TryParseTime(From, out var from) || !TryParseTime(To, out var to))
        {
            return (null, ReplyMessages.AuditTimeInvalid);
        }

        if (from is { } f)
        {
            query = query.Where(r => r.TimeMs >= f);
        }

        if (to is { } t)
        {
            query = query.Where(r => r.TimeMs < t);
        }

        if (!string.IsNullOrWhiteSpace(User))
        {
            // The user acted (actor), or the event is about them (their id in the data: user.*, grant.*, invitations).
            var user = User.Trim().ToLowerInvariant();
            var ids = await db.Users.AsNoTracking().Where(u => u.UserName == user).Select(u => u.Id).Take(MaxSubjects).ToListAsync(cancellationToken);
            if (IsIdPrefix(user))
            {
                ids.AddRange((await db.Users.AsNoTracking().Select(u => u.Id).ToListAsync(cancellationToken))
                    .Where(id => id.ToString().StartsWith(user, StringComparison.Ordinal)).Take(MaxSubjects));
            }

            var actors = ids.Count == 0
                ? [user]
                : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.UserName).Distinct().ToListAsync(cancellationToken);
            if (!actors.Contains(user))
            {
                actors.Add(user);
            }

            query = query.Where(Either(r => actors.Contains(r.Actor!), DataContainsAny(ids.Distinct().Take(MaxSubjects).Select(id => id.ToString()))));
        }

        if (!string.IsNullOrWhiteSpace(Host))
        {
            if (Guid.TryParse(Host, out var hostId))
            {
                query = query.Where(r => r.HostId == hostId);
            }
            else
            {
                var text = Host.Trim();
                var lower = text.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // runs as SQL lower(name) LIKE '%…%' (both providers); no .NET culture applies
                var ids = await db.Hosts.AsNoTracking().Where(h => h.Name.ToLower().Contains(lower)).Select(h => h.Id).Take(MaxSubjects).ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
                if (IsIdPrefix(lower))
                {
                    ids.AddRange((await db.Hosts.AsNoTracking().Select(h => h.Id).ToListAsync(cancellationToken))
                        .Where(id => id.ToString().StartsWith(lower, StringComparison.Ordinal)).Take(MaxSubjects));
                }

                // A host deleted since keeps its name in its events' data: canonical JSON (AuditCanonical.EncodeData),
                // so the encoded pair is an exact substring.
                var needle = "\"host\":\"" + JavaScriptEncoder.Default.Encode(text) + "\"";
                var hostIds = ids.Distinct().Select(id => (Guid?)id).ToList();
                query = query.Where(r => hostIds.Contains(r.HostId) || r.DataJson.Contains(needle));
            }
        }

        if (!string.IsNullOrWhiteSpace(Type))
        {
            var type = Type.Trim();
            query = query.Where(r => r.Type == type || r.Type.StartsWith(type + "."));
        }

        if (!string.IsNullOrWhiteSpace(Session))
        {
            var session = Session.Trim().ToLowerInvariant();
            query = session.Length >= 32 ? query.Where(r => r.SessionId == session) : query.Where(r => r.SessionId!.StartsWith(session));
        }

        if (Before is { } before)
        {
            query = query.Where(r => r.Sequence < before);
        }

        return (query, null);
    }

    private static bool IsIdPrefix(string text) => text.Length >= 4 && IdPrefix().IsMatch(text);

    /// <summary><c>r.DataJson.Contains(n1) || r.DataJson.Contains(n2) || ...</c> (false for none), one SQL predicate.</summary>
    private static Expression<Func<AuditRecord, bool>> DataContainsAny(IEnumerable<string> needles)
    {
        var row = Expression.Parameter(typeof(AuditRecord), "r");
        var data = Expression.Property(row, nameof(AuditRecord.DataJson));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression body = Expression.Constant(false);
        foreach (var needle in needles)
        {
            body = Expression.OrElse(body, Expression.Call(data, contains, Expression.Constant(needle)));
        }

        return Expression.Lambda<Func<AuditRecord, bool>>(body, row);
    }

    private static Expression<Func<AuditRecord, bool>> Either(Expression<Func<AuditRecord, bool>> a, Expression<Func<AuditRecord, bool>> b)
    {
        var row = a.Parameters[0];
        var right = new Rebind(b.Parameters[0], row).Visit(b.Body);
        return Expression.Lambda<Func<AuditRecord, bool>>(Expression.OrElse(a.Body, right), row);
    }

    [GeneratedRegex("^[0-9a-f-]+$")]
    private static partial Regex IdPrefix();

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private static bool TryParseTime(string? text, out long? ms)
    {
        ms = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            ms = unix;
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            ms = time.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }
}

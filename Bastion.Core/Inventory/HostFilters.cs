using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace Bastion.Core.Inventory;

/// <summary>
/// Host predicates the database evaluates (SQLite and PostgreSQL alike): the stored forms of <see cref="HostTags"/>
/// (labels one <c>k=v</c> a line, groups comma-separated) are matched by wrapping them in their separators, so an
/// exact group or label needs no join table. Values are captured, so EF Core sends them as parameters.
/// </summary>
internal static class HostFilters
{
    public static Expression<Func<Host, bool>> InGroup(string group)
    {
        var needle = "," + group + ",";
        return h => ("," + h.Groups + ",").Contains(needle);
    }

    public static Expression<Func<Host, bool>> HasLabel(string key, string value)
    {
        var needle = "\n" + key + "=" + value + "\n";
        return h => ("\n" + h.Labels + "\n").Contains(needle);
    }

    /// <summary>A label with this key, whatever its value.</summary>
    public static Expression<Func<Host, bool>> HasLabelKey(string key)
    {
        var needle = "\n" + key + "=";
        return h => ("\n" + h.Labels).Contains(needle);
    }

    /// <summary>Every pair of the selector is a label of the host.</summary>
    public static Expression<Func<Host, bool>> MatchesSelector(IReadOnlyDictionary<string, string> selector) =>
        selector.Select(pair => HasLabel(pair.Key, pair.Value)).Aggregate(And);

    public static Expression<Func<Host, bool>> InIds(IReadOnlyList<Guid> ids)
    {
        var list = ids.Distinct().ToList();
        return h => list.Contains(h.Id);
    }

    /// <summary>The text (already lower case) in the name, address, login, description, labels or groups. SQLite's
    /// lower() folds ASCII only; names, logins, labels and groups are ASCII by their rules.</summary>
#pragma warning disable CA1304, CA1311, CA1862 // EF Core translates ToLower() to SQL lower(); no .NET culture is involved
    public static Expression<Func<Host, bool>> Mentions(string lowerText) =>
        h => h.Name.ToLower().Contains(lowerText)
            || h.Address.ToLower().Contains(lowerText)
            || h.UserName.ToLower().Contains(lowerText)
            || (h.Description != null && h.Description.ToLower().Contains(lowerText))
            || h.Labels.ToLower().Contains(lowerText)
            || h.Groups.ToLower().Contains(lowerText);
#pragma warning restore CA1304, CA1311, CA1862

    public static Expression<Func<Host, bool>> Or(Expression<Func<Host, bool>> left, Expression<Func<Host, bool>> right) =>
        Combine(left, right, Expression.OrElse);

    public static Expression<Func<Host, bool>> And(Expression<Func<Host, bool>> left, Expression<Func<Host, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    private static Expression<Func<Host, bool>> Combine(
        Expression<Func<Host, bool>> left, Expression<Func<Host, bool>> right, Func<Expression, Expression, BinaryExpression> join)
    {
        var body = ReplacingExpressionVisitor.Replace(right.Parameters[0], left.Parameters[0], right.Body);
        return Expression.Lambda<Func<Host, bool>>(join(left.Body, body), left.Parameters[0]);
    }
}

using System.Text;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bastion.Core.Inventory.Import;

/// <summary>
/// Writes a batch of hosts in one database command: a multi-row INSERT for the new ones and one UPDATE ... FROM VALUES
/// for the changed ones. EF Core sends one command per row on SQLite, which for an import of 100,000 lines
/// is 100,000 round trips. Columns, names and parameter conversions come from the EF model, so the stored forms are
/// exactly EF's (a Guid as EF stores it, a DateTimeOffset through its converter), quoted by EF's own literal generation.
/// </summary>
internal sealed class BulkHostWriter
{
    /// <summary>The columns an import may change on an existing host (<see cref="HostImporter"/>).</summary>
    private static readonly string[] s_updatable =
    [
        nameof(Host.Address), nameof(Host.Port), nameof(Host.UserName), nameof(Host.Description), nameof(Host.Labels),
        nameof(Host.Groups), nameof(Host.Enabled), nameof(Host.Charset), nameof(Host.HostKeyFingerprint), nameof(Host.HostKeyType),
    ];

    private readonly BastionDbContext _db;
    private readonly string _table;
    private readonly IReadOnlyList<(IProperty Property, string Column)> _columns;
    private readonly IProperty _key;

    public BulkHostWriter(BastionDbContext db)
    {
        _db = db;
        var entity = db.Model.FindEntityType(typeof(Host))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _table = sql.DelimitIdentifier(table.Name, table.Schema);
        _columns = [.. entity.GetProperties().Select(p => (p, sql.DelimitIdentifier(p.GetColumnName(table)!)))];
        _key = entity.FindPrimaryKey()!.Properties.Single();
    }

    public async Task WriteAsync(IReadOnlyList<Host> added, IReadOnlyList<Host> updated, CancellationToken cancellationToken)
    {
        if (added.Count == 0 && updated.Count == 0)
        {
            return;
        }

        // Literals from EF's own type mappings (quoted and escaped by the provider), not parameters: SQLite looks a
        // named parameter up by a linear search, so thousands of parameters in one command cost their square.
        static string Literal(IProperty property, Host host) => property.GetRelationalTypeMapping().GenerateSqlLiteral(property.GetGetter().GetClrValue(host));

        var text = new StringBuilder();
        if (added.Count > 0)
        {
            text.Append("INSERT INTO ").Append(_table).Append(" (").AppendJoin(", ", _columns.Select(c => c.Column)).Append(") VALUES ");
            for (var i = 0; i < added.Count; i++)
            {
                text.Append(i == 0 ? "(" : ", (").AppendJoin(", ", _columns.Select(c => Literal(c.Property, added[i]))).Append(')');
            }

            text.Append(";\n");
        }

        if (updated.Count > 0)
        {
            // One statement for the batch: WITH v(...) AS (VALUES ...) UPDATE ... FROM v.
            var key = _columns.Single(c => c.Property == _key);
            var set = _columns.Where(c => s_updatable.Contains(c.Property.Name)).ToList();
            text.Append("WITH v(k").AppendJoin("", set.Select((_, i) => $", c{i}")).Append(") AS (VALUES ");
            for (var i = 0; i < updated.Count; i++)
            {
                text.Append(i == 0 ? "(" : ", (").Append(Literal(key.Property, updated[i]))
                    .AppendJoin("", set.Select(c => ", " + Literal(c.Property, updated[i]))).Append(')');
            }

            text.Append(") UPDATE ").Append(_table).Append(" SET ").AppendJoin(", ", set.Select((c, i) => $"{c.Column} = v.c{i}"))
                .Append(" FROM v WHERE ").Append(_table).Append('.').Append(key.Column).Append(" = v.k;\n");
        }

        await _db.Database.ExecuteSqlRawAsync(text.ToString(), cancellationToken);
    }
}

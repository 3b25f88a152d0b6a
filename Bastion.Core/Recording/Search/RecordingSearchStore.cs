using System.Data.Common;
using System.Globalization;
using System.Text;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bastion.Core.Recording.Search;

/// <summary>
/// What both engines share: the progress table and the work list are plain SQL; the text table and the match differ
/// (<see cref="SqliteRecordingSearchStore"/>: an FTS5 table; <see cref="PostgresRecordingSearchStore"/>: a tsvector
/// column with a GIN index). Runs on the context's own connection, outside the EF model (the tables are made by the
/// hand-written <c>RecordingSearch</c> migrations).
/// </summary>
internal abstract class RecordingSearchStore(BastionDbContext db) : IRecordingSearchStore
{
    private IDbContextTransaction? _pass;
    private bool _wrote;

    protected BastionDbContext Db { get; } = db;

    /// <summary>The condition that a row of <c>r</c> matches every term, adding its parameters.</summary>
    protected abstract string MatchCondition(DbCommand command, IReadOnlyList<string> terms);

    /// <summary>How the engine stores a host id (SQLite: EF's upper-case text; PostgreSQL: uuid).</summary>
    protected abstract object HostIdValue(Guid hostId);

    protected abstract string TextTable { get; }

    /// <summary>Deletes one session's rows; its parameter <c>@quoted</c> is <see cref="SessionMatchValue"/>.</summary>
    protected abstract string DeleteSessionText { get; }

    protected abstract object SessionMatchValue(string sessionId);

    protected abstract string InsertProgressIgnoringConflict { get; }

    public async Task<SearchProgress?> LoadProgressAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            """SELECT "Bytes", "Complete", "CarryOutput", "CarryOutputMs", "CarryInput", "CarryInputMs" FROM "RecordingSearchProgress" WHERE "SessionId" = @id""",
            cancellationToken);
        Add(command, "id", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SearchProgress(
            reader.GetInt64(0), reader.GetInt64(1) != 0,
            new SearchCarry(reader.IsDBNull(2) ? "" : reader.GetString(2), reader.GetInt64(3)),
            new SearchCarry(reader.IsDBNull(4) ? "" : reader.GetString(4), reader.GetInt64(5)));
    }

    /// <summary>The engine's settings for the index (see the override); nothing by default.</summary>
    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After a pass that wrote rows, whether it committed or not (see the override): what the engine can give
    /// back of the memory the pass used; nothing by default.</summary>
    protected virtual Task AfterWriteAsync() => Task.CompletedTask;

    public async Task AddAsync(string sessionId, IReadOnlyList<SearchChunk> chunks, CancellationToken cancellationToken)
    {
        if (chunks.Count == 0)
        {
            return;
        }

        _pass ??= await Db.Database.BeginTransactionAsync(cancellationToken);
        _wrote = true;
        await using var insert = await CommandAsync(
            $"""INSERT INTO {TextTable} ("Text", "SessionId", "Kind", "OffsetMs") VALUES (@text, @id, @kind, @offset)""", cancellationToken);
        var text = Add(insert, "text", "");
        Add(insert, "id", sessionId);
        var kind = Add(insert, "kind", "o");
        var offset = Add(insert, "offset", 0L);
        foreach (var chunk in chunks)
        {
            text.Value = chunk.Text;
            kind.Value = chunk.Kind.ToString();
            offset.Value = chunk.OffsetMs;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<bool> AppendAsync(string sessionId, long? expectedBytes, SearchProgress progress, CancellationToken cancellationToken)
    {
        try
        {
            _pass ??= await Db.Database.BeginTransactionAsync(cancellationToken);
            await using (var move = await CommandAsync(expectedBytes is null
                ? InsertProgressIgnoringConflict
                : """
                  UPDATE "RecordingSearchProgress" SET "Bytes" = @bytes, "Complete" = @complete, "CarryOutput" = @co, "CarryOutputMs" = @com,
                    "CarryInput" = @ci, "CarryInputMs" = @cim WHERE "SessionId" = @id AND "Bytes" = @expected AND "Complete" = 0
                  """, cancellationToken))
            {
                Add(move, "id", sessionId);
                Add(move, "bytes", progress.Bytes);
                Add(move, "complete", progress.Complete ? 1L : 0L);
                Add(move, "co", progress.Output.Text);
                Add(move, "com", progress.Output.OffsetMs);
                Add(move, "ci", progress.Input.Text);
                Add(move, "cim", progress.Input.OffsetMs);
                if (expectedBytes is { } expected)
                {
                    Add(move, "expected", expected);
                }

                if (await move.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    await _pass.RollbackAsync(cancellationToken);
                    return false;
                }
            }

            await _pass.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            await EndPassAsync();
        }
    }

    public async ValueTask DisposeAsync() => await EndPassAsync();

    /// <summary>Ends the pass's transaction (rolled back unless it was committed) and gives back what its writes used.</summary>
    private async Task EndPassAsync()
    {
        if (_pass is { } pass)
        {
            _pass = null;
            await pass.DisposeAsync();
        }

        if (_wrote)
        {
            _wrote = false;
            await AfterWriteAsync();
        }
    }

    public async Task<IReadOnlyList<SessionToIndex>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            """
            SELECT s."Id", s."RecordingFile", s."EndedMs" FROM "Sessions" s
            LEFT JOIN "RecordingSearchProgress" p ON p."SessionId" = s."Id"
            WHERE p."SessionId" IS NULL OR p."Complete" = 0
            ORDER BY CASE WHEN s."EndedMs" IS NULL THEN 1 ELSE 0 END, s."StartedMs" DESC LIMIT @limit
            """, cancellationToken);
        Add(command, "limit", (long)limit);
        var sessions = new List<SessionToIndex>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(new SessionToIndex(reader.GetString(0), reader.GetString(1), !reader.IsDBNull(2)));
        }

        return sessions;
    }

    public async Task<int> PurgeOrphansAsync(int limit, CancellationToken cancellationToken)
    {
        var orphans = new List<string>();
        await using (var find = await CommandAsync(
            """
            SELECT p."SessionId" FROM "RecordingSearchProgress" p LEFT JOIN "Sessions" s ON s."Id" = p."SessionId"
            WHERE s."Id" IS NULL LIMIT @limit
            """, cancellationToken))
        {
            Add(find, "limit", (long)limit);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                orphans.Add(reader.GetString(0));
            }
        }

        foreach (var sessionId in orphans)
        {
            await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
            await using (var text = await CommandAsync(DeleteSessionText, cancellationToken))
            {
                Add(text, "quoted", SessionMatchValue(sessionId));
                await text.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var progress = await CommandAsync("""DELETE FROM "RecordingSearchProgress" WHERE "SessionId" = @id""", cancellationToken))
            {
                Add(progress, "id", sessionId);
                await progress.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return orphans.Count;
    }

    public async Task<IReadOnlyList<SearchRow>> SearchAsync(SearchFilter filter, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("", cancellationToken);
        var sql = new StringBuilder($"""
            SELECT s."Id", s."UserName", s."HostName", s."HostId", s."StartedMs", r."Kind", r."OffsetMs", r."Text"
            FROM {TextTable} r JOIN "Sessions" s ON s."Id" = r."SessionId"
            WHERE {MatchCondition(command, filter.Terms)}
            """);
        if (filter.User is not null)
        {
            sql.Append(""" AND s."UserName" = @user""");
            Add(command, "user", filter.User);
        }

        if (filter.HostName is not null)
        {
            sql.Append(""" AND s."HostName" = @host""");
            Add(command, "host", filter.HostName);
        }

        if (filter.HostId is { } hostId)
        {
            sql.Append(""" AND s."HostId" = @hostId""");
            Add(command, "hostId", HostIdValue(hostId));
        }

        if (filter.FromMs is { } from)
        {
            sql.Append(""" AND s."StartedMs" + r."OffsetMs" >= @from""");
            Add(command, "from", from);
        }

        if (filter.ToMs is { } to)
        {
            sql.Append(""" AND s."StartedMs" + r."OffsetMs" < @to""");
            Add(command, "to", to);
        }

        sql.Append(""" ORDER BY s."StartedMs" DESC, s."Id", r."OffsetMs" LIMIT @take OFFSET @skip""");
        Add(command, "take", (long)filter.Take + 1);
        Add(command, "skip", (long)filter.Skip);
        command.CommandText = sql.ToString();
        var rows = new List<SearchRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var hostValue = reader.GetValue(3);
            var host = hostValue is Guid guid ? guid : Guid.Parse(Convert.ToString(hostValue, CultureInfo.InvariantCulture) ?? "");
            var kind = reader.GetString(5);
            rows.Add(new SearchRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), host, reader.GetInt64(4),
                kind.Length > 0 ? kind[0] : 'o', reader.GetInt64(6), reader.GetString(7)));
        }

        return rows;
    }

    protected static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    protected async Task<DbCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        await Db.Database.OpenConnectionAsync(cancellationToken);
        var command = Db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = Db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}

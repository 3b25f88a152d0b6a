using System.Data.Common;
using Bastion.Core.Storage;

namespace Bastion.Core.Recording.Search;

/// <summary>The index as an FTS5 table (<c>unicode61</c> tokens: letters and digits, case and accents folded). Each
/// term is passed as an FTS5 string, so it is a phrase of its words and never FTS5 syntax.
/// Settings (issue 12; measured in docs/PERFORMANCE.md): FTS5 merges 16 segments of a level at a time instead of 4
/// (<see cref="AutoMerge"/>: fewer rewrites of the index per MB, a little more to read per query), and a pass that
/// writes gets a page cache of <see cref="WriteCacheKiB"/> for its transaction, set back to the connection's own when
/// it ends (the connection is pooled and shared with the rest of Bastion), so the pages a merge reads stay in memory.
/// Durability is unchanged: the chunks and their progress are one transaction, whatever the connection's
/// <c>synchronous</c>, so after a crash the index holds a pass whole or not at all and the next pass resumes.</summary>
internal sealed class SqliteRecordingSearchStore(BastionDbContext db) : RecordingSearchStore(db)
{
    public const int AutoMerge = 16;

    public const int WriteCacheKiB = 16 * 1024;

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"""INSERT INTO "RecordingText" ("RecordingText", rank) VALUES ('automerge', {AutoMerge})""", cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task<long?> BeginWriteAsync(CancellationToken cancellationToken)
    {
        long own;
        await using (var read = await CommandAsync("PRAGMA cache_size", cancellationToken))
        {
            own = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var set = await CommandAsync($"PRAGMA cache_size = -{WriteCacheKiB}", cancellationToken);
        await set.ExecuteNonQueryAsync(cancellationToken);
        return own;
    }

    protected override async Task EndWriteAsync(long? state)
    {
        // Shrinking the cache frees the pages above the connection's own size.
        await using var set = await CommandAsync($"PRAGMA cache_size = {state}", CancellationToken.None);
        await set.ExecuteNonQueryAsync(CancellationToken.None);
    }

    protected override string TextTable => "\"RecordingText\"";

    protected override string InsertProgressIgnoringConflict => """
        INSERT INTO "RecordingSearchProgress" ("SessionId", "Bytes", "Complete", "CarryOutput", "CarryOutputMs", "CarryInput", "CarryInputMs")
        VALUES (@id, @bytes, @complete, @co, @com, @ci, @cim) ON CONFLICT ("SessionId") DO NOTHING
        """;

    protected override string MatchCondition(DbCommand command, IReadOnlyList<string> terms)
    {
        Add(command, "match", "Text : (" + string.Join(" AND ", terms.Select(Quoted)) + ")");
        return "r.\"RecordingText\" MATCH @match";
    }

    // The session id is an indexed column (one token) so that its rows are found without scanning the table.
    protected override string DeleteSessionText => """
        DELETE FROM "RecordingText" WHERE rowid IN (SELECT rowid FROM "RecordingText" WHERE "RecordingText" MATCH 'SessionId : ' || @quoted)
        """;

    protected override object SessionMatchValue(string sessionId) => Quoted(sessionId);

    private static string Quoted(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // EF Core stores a Guid in SQLite as upper-case text; Microsoft.Data.Sqlite would bind a Guid as a blob.
    protected override object HostIdValue(Guid hostId) => hostId.ToString().ToUpperInvariant();
}

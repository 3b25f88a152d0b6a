using System.Data.Common;
using Bastion.Core.Storage;

namespace Bastion.Core.Recording.Search;

/// <summary>The index as an FTS5 table (<c>unicode61</c> tokens: letters and digits, case and accents folded). Each
/// term is passed as an FTS5 string, so it is a phrase of its words and never FTS5 syntax.
/// Settings (issue 12; measured in docs/PERFORMANCE.md): FTS5 merges 16 segments of a level at a time instead of 4
/// (<see cref="AutoMerge"/>: fewer rewrites of the index per MB, a little more to read per query).
/// Memory, the policy at its bound: a pass writes with the pooled connection's own page cache (SQLite's 2,000 KiB) and
/// FTS5's buffer of pending terms (<see cref="PendingTermsBytes"/>), which FTS5 writes out as a segment whenever it is
/// full, so a transaction of any size holds at most that much of it; after a pass the connection gives back every page
/// it does not need (<c>PRAGMA shrink_memory</c>), so no pooled connection keeps the index's pages between passes. A
/// larger cache for the pass (16 MiB before) saved SQLite reads but was resident memory held during every flood.
/// Durability is unchanged: the chunks and their progress are one transaction, whatever the connection's
/// <c>synchronous</c>, so after a crash the index holds a pass whole or not at all and the next pass resumes.</summary>
internal sealed class SqliteRecordingSearchStore(BastionDbContext db) : RecordingSearchStore(db)
{
    public const int AutoMerge = 16;

    /// <summary>FTS5's <c>hashsize</c>: its own default, set so the bound is named and kept by the index.</summary>
    public const int PendingTermsBytes = 1024 * 1024;

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, value) in new[] { ("automerge", AutoMerge), ("hashsize", PendingTermsBytes) })
        {
            await using var command = await CommandAsync(
                $"""INSERT INTO "RecordingText" ("RecordingText", rank) VALUES ('{name}', {value})""", cancellationToken);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    protected override async Task AfterWriteAsync()
    {
        await using var shrink = await CommandAsync("PRAGMA shrink_memory", CancellationToken.None);
        await shrink.ExecuteNonQueryAsync(CancellationToken.None);
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

using System.Data.Common;
using Bastion.Core.Storage;

namespace Bastion.Core.Recording.Search;

/// <summary>The index as an FTS5 table (<c>unicode61</c> tokens: letters and digits, case and accents folded). Each
/// term is passed as an FTS5 string, so it is a phrase of its words and never FTS5 syntax.</summary>
internal sealed class SqliteRecordingSearchStore(BastionDbContext db) : RecordingSearchStore(db)
{
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

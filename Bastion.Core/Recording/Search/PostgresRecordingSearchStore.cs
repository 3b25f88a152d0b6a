using System.Data.Common;
using System.Globalization;
using Bastion.Core.Storage;

namespace Bastion.Core.Recording.Search;

/// <summary>The index as a table with a GIN index on <c>to_tsvector('simple', "Text")</c> (no stemming, no stop
/// words; recorded output is not prose). Each term is a <c>phraseto_tsquery</c>, so it is a
/// phrase of its words and never tsquery syntax; the default parser keeps <c>back-21</c> whole and in parts.</summary>
internal sealed class PostgresRecordingSearchStore(BastionDbContext db) : RecordingSearchStore(db)
{
    protected override string TextTable => "\"RecordingText\"";

    protected override string InsertProgressIgnoringConflict => """
        INSERT INTO "RecordingSearchProgress" ("SessionId", "Bytes", "Complete", "CarryOutput", "CarryOutputMs", "CarryInput", "CarryInputMs")
        VALUES (@id, @bytes, @complete, @co, @com, @ci, @cim) ON CONFLICT ("SessionId") DO NOTHING
        """;

    protected override string MatchCondition(DbCommand command, IReadOnlyList<string> terms)
    {
        var parts = new List<string>();
        for (var i = 0; i < terms.Count; i++)
        {
            var name = "t" + i.ToString(CultureInfo.InvariantCulture);
            Add(command, name, terms[i]);
            parts.Add($"phraseto_tsquery('simple', @{name})");
        }

        // The same expression as the GIN index "IX_RecordingText_Words", so the planner uses it.
        return $"to_tsvector('simple'::regconfig, r.\"Text\") @@ ({string.Join(" && ", parts)})";
    }

    protected override string DeleteSessionText => """DELETE FROM "RecordingText" WHERE "SessionId" = @quoted""";

    protected override object SessionMatchValue(string sessionId) => sessionId;

    protected override object HostIdValue(Guid hostId) => hostId;
}

using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bastion.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Search across recordings (issue 13), written by hand: a generated tsvector column with a GIN index cannot be
    /// said well in the EF model, and these tables are not in it (Core/Recording/Search reads and writes them with
    /// SQL). <c>RecordingText</c>: one row per bucket of a session's output or input, its words in a GIN index on
    /// <c>to_tsvector('simple', "Text")</c> (no stemming, no stop words); <c>RecordingSearchProgress</c>: how far each
    /// recording is indexed.
    /// </summary>
    [DbContext(typeof(BastionDbContext))]
    [Migration("20261202042000_RecordingSearch")]
    public partial class RecordingSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "RecordingText" (
                    "Id" bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT "PK_RecordingText" PRIMARY KEY,
                    "SessionId" text NOT NULL,
                    "Kind" text NOT NULL,
                    "OffsetMs" bigint NOT NULL,
                    "Text" text NOT NULL);
                """);
            // An expression index, not a stored tsvector column: the column cost as much again as the text (measured,
            // docs/AUDIT.md); a phrase match rechecks its few candidate rows from the text.
            migrationBuilder.Sql("""CREATE INDEX "IX_RecordingText_Words" ON "RecordingText" USING GIN (to_tsvector('simple'::regconfig, "Text"));""");
            migrationBuilder.Sql("""CREATE INDEX "IX_RecordingText_SessionId" ON "RecordingText" ("SessionId", "OffsetMs");""");
            migrationBuilder.Sql("""
                CREATE TABLE "RecordingSearchProgress" (
                    "SessionId" text NOT NULL CONSTRAINT "PK_RecordingSearchProgress" PRIMARY KEY,
                    "Bytes" bigint NOT NULL,
                    "Complete" bigint NOT NULL,
                    "CarryOutput" text NULL,
                    "CarryOutputMs" bigint NOT NULL,
                    "CarryInput" text NULL,
                    "CarryInputMs" bigint NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "RecordingSearchProgress";""");
            migrationBuilder.Sql("""DROP TABLE "RecordingText";""");
        }
    }
}

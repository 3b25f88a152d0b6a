using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bastion.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Search across recordings (issue 13), written by hand: an FTS5 table cannot be said in the EF model, and these
    /// tables are not in it (Core/Recording/Search reads and writes them with SQL). <c>RecordingText</c>: one row per
    /// bucket of a session's output or input (<c>SessionId</c> is indexed too, one token, so
    /// a session's rows can be found to delete them); <c>RecordingSearchProgress</c>: how far each recording is indexed.
    /// </summary>
    [DbContext(typeof(BastionDbContext))]
    [Migration("20261202042000_RecordingSearch")]
    public partial class RecordingSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "RecordingText" USING fts5(
                    "Text", "SessionId", "Kind" UNINDEXED, "OffsetMs" UNINDEXED, tokenize = 'unicode61');
                """);
            migrationBuilder.Sql("""
                CREATE TABLE "RecordingSearchProgress" (
                    "SessionId" TEXT NOT NULL CONSTRAINT "PK_RecordingSearchProgress" PRIMARY KEY,
                    "Bytes" INTEGER NOT NULL,
                    "Complete" INTEGER NOT NULL,
                    "CarryOutput" TEXT NULL,
                    "CarryOutputMs" INTEGER NOT NULL,
                    "CarryInput" TEXT NULL,
                    "CarryInputMs" INTEGER NOT NULL);
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

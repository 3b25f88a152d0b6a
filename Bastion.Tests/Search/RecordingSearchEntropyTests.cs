using System.Text;
using Bastion.Core.Audit;
using Bastion.Core.Recording.Search;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bastion.Tests.Search;

/// <summary>
/// Issue 12, against a real session on a real sshd and the deployment's real database (SQLite, or PostgreSQL with
/// <c>BASTION_TEST_STORAGE=postgres</c>): a recording that holds a base64 flood beside ordinary output. With
/// <c>Search:SkipHighEntropyTokens</c> and <c>Search:SkipRepeatedLines</c> on (the defaults) the index holds none of
/// the random lines and a repeated line once a row, and search still finds words, hex ids, CJK and identifiers; with
/// them off it holds every line. Counted in the index's own rows.
/// </summary>
public sealed class RecordingSearchEntropyTests(SshdFixture sshd, ITestOutputHelper output) : IClassFixture<SshdFixture>
{
    private const int FloodLines = 3000;

    private const int Repeats = 300;

    private const string RepeatedLine = "WARN retrying connection to db-prod-07.example.net";

    /// <summary>What a user searches for, each a query that must find the session.</summary>
    private static readonly string[] s_searched =
    [
        "\"connection refused\"", "db-prod-07.example.net", "3f9c2a7d1e5b8c4f6a0d2e1b7c9f4a3d5e6b8c0a",
        "a3f1c9e2b7d4", "部署完成", "getElementsByTagName", "MAX_RETRY_COUNT_EXCEEDED", "10.20.30.40", "flood-end-1",
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABase64Flood_IsNotIndexed_ButEverythingSearchedForIs(bool skip)
    {
        var (file, flood) = await WriteOutputAsync();
        try
        {
            var setting = skip ? "true" : "false";
            await using var bastion = await BastionFixture.StartAsync(sshd.Server, new Dictionary<string, string>
            {
                ["Search:SweepInterval"] = "00:00:01",
                ["Search:SkipHighEntropyTokens"] = setting,
                ["Search:SkipRepeatedLines"] = setting,
            });
            var hostId = await bastion.AddHostAsync(BastionFixture.Unique("entropy"));
            var sessionId = await RunAsync(bastion, hostId, $"cat {file}; echo flood-end-$((1))", "flood-end-1");

            foreach (var query in s_searched)
            {
                await Poll.UntilAsync(async () => (await SearchAsync(bastion, query)).Contains(sessionId), $"a hit for {query}");
            }

            var rows = await RowsAsync(bastion, sessionId);
            var text = string.Join("\n", rows);
            var dropped = flood.Where(l => HighEntropyTokens.IsHighEntropy(l)).ToList();
            var floodInIndex = flood.Count(l => text.Contains(l, StringComparison.Ordinal));
            var droppedInIndex = dropped.Count(l => text.Contains(l, StringComparison.Ordinal));
            var repeats = rows.Sum(r => Occurrences(r, RepeatedLine));
            // One word: PostgreSQL's parser reads a line with "/" in it as a path, not as the words the query has.
            var oneWord = dropped.First(l => !l.Contains('+', StringComparison.Ordinal) && !l.Contains('/', StringComparison.Ordinal));
            output.WriteLine($"skip={skip}: {rows.Count} rows, {SearchTextFilterTests.Words(text):N0} words; {floodInIndex} of {flood.Count} base64 lines " +
                $"({dropped.Count} random-looking by the rule: {droppedInIndex} in the index); the repeated line {repeats} times of {Repeats}");
            Assert.True(dropped.Count >= FloodLines * 9 / 10, $"{dropped.Count} of {FloodLines} lines random-looking by the rule");
            if (skip)
            {
                Assert.Equal(0, droppedInIndex);
                Assert.True(repeats < Repeats / 4, $"the repeated line {repeats} times in the index");
                Assert.All(rows, r => Assert.True(Occurrences(r, RepeatedLine) <= 1, r));
                Assert.Empty(await SearchAsync(bastion, oneWord));
            }
            else
            {
                Assert.Equal(flood.Count, floodInIndex);
                Assert.True(repeats >= Repeats * 9 / 10, $"the repeated line {repeats} times in the index"); // a row's cut may fall inside one
                Assert.Equal([sessionId], await SearchAsync(bastion, oneWord));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The session's output: ordinary lines, a repeated line, then the flood with a marker among it.</summary>
    private static async Task<(string File, List<string> Flood)> WriteOutputAsync()
    {
        var random = new Random(12);
        var bytes = new byte[57]; // base64's own 76-character lines
        var flood = new List<string>();
        var text = new StringBuilder()
            .Append("ssh: connect to host db-prod-07.example.net port 22: Connection refused\n")
            .Append("commit 3f9c2a7d1e5b8c4f6a0d2e1b7c9f4a3d5e6b8c0a\n")
            .Append("a3f1c9e2b7d4   nginx:1.27   \"/docker-entrypoint.…\"   Up 3 hours   10.20.30.40:80->80/tcp\n")
            .Append("部署完成 データベースに接続できません\n")
            .Append("TypeError: getElementsByTagName is not a function (MAX_RETRY_COUNT_EXCEEDED)\n");
        for (var i = 0; i < Repeats; i++)
        {
            text.Append(RepeatedLine).Append('\n');
        }

        for (var i = 0; i < FloodLines; i++)
        {
            random.NextBytes(bytes);
            flood.Add(Convert.ToBase64String(bytes));
            text.Append(flood[^1]).Append('\n');
        }

        var file = Path.Combine(Path.GetTempPath(), $"bastion-entropy-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, text.ToString(), new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
        {
            // The sshd's login user may not be this process's.
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        return (file, flood);
    }

    private static int Occurrences(string text, string line)
    {
        var count = 0;
        for (var at = text.IndexOf(line, StringComparison.Ordinal); at >= 0; at = text.IndexOf(line, at + line.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task<string> RunAsync(BastionFixture bastion, string hostId, string command, string expect)
    {
        await using var terminal = await bastion.OpenTerminalAsync(hostId, query: "cols=120&rows=24");
        await terminal.SendInputAsync(command + "\r");
        await terminal.WaitForOutputAsync(expect + "\r\n", TimeSpan.FromMinutes(2));
        var id = terminal.SessionId!;
        await terminal.SendInputAsync("exit\r");
        await terminal.WaitForCloseAsync();
        await bastion.Server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == id, "session.ended");
        await bastion.Server.WaitForSessionEndedAsync(id);
        return id;
    }

    private static async Task<string[]> SearchAsync(BastionFixture bastion, string query)
    {
        var (status, body) = await bastion.Server.SendAsync(
            HttpMethod.Get, "/api/recordings/search?limit=50&q=" + Uri.EscapeDataString(query), bastion.AdminToken);
        Assert.Equal(200, status);
        return body.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("sessionId").GetString()!).Distinct().ToArray();
    }

    /// <summary>The session's rows of the index, as the store holds them.</summary>
    private static async Task<List<string>> RowsAsync(BastionFixture bastion, string sessionId)
    {
        await using var scope = bastion.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT \"Text\" FROM \"RecordingText\" WHERE \"SessionId\" = @id";
        var id = command.CreateParameter();
        id.ParameterName = "id";
        id.Value = sessionId;
        command.Parameters.Add(id);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync().WithTimeout();
        while (await reader.ReadAsync().WithTimeout())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}

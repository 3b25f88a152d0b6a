using System.Globalization;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Search;

/// <summary>Search across recordings against real sessions on a real sshd: the hit names the right session and the
/// second the text was printed; filters narrow; only auditors and admins may search. (Bad queries are in
/// <see cref="RecordingSearchQueryTests"/>, on the shared deployment.)</summary>
public sealed class RecordingSearchTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    // A deployment of its own: the assertions count every hit of the index.
    private BastionFixture _bastion = null!;

    private BastionServer Server => _bastion.Server;

    public async Task InitializeAsync() =>
        _bastion = await BastionFixture.StartAsync(sshd.Server, new Dictionary<string, string> { ["Search:SweepInterval"] = "00:00:01" });

    public async Task DisposeAsync() => await _bastion.DisposeAsync();

    [Fact]
    public async Task AMarkerPrintedInOneSession_IsFoundThere_AtTheSecondItWasPrinted_AndFiltersNarrow()
    {
        var web = await _bastion.AddHostAsync(BastionFixture.Unique("web"));
        var dbHost = BastionFixture.Unique("db");
        var dbId = await _bastion.AddHostAsync(dbHost);
        await Server.CreateUserAsync("opal", "opal-password-1", "operator");
        await Server.CreateUserAsync("audrey", "audrey-password-1", "auditor");
        await Server.GrantAsync("opal", dbId);
        var opal = await Server.LoginAsync("opal", "opal-password-1");
        var audrey = await Server.LoginAsync("audrey", "audrey-password-1");

        // 1. Several sessions; the marker (computed by the shell, so the typed line does not hold it) is printed once
        // by admin on web, after a few seconds of other output, and once by opal on db.
        await RunAsync(_bastion.AdminToken, web, "echo quiet-$((2+2))", "quiet-4");
        var marked = await RunAsync(_bastion.AdminToken, web, "for i in 1 2 3; do echo tick-$i; sleep 1; done; echo back-$((20+1))-zq", "back-21-zq");
        await RunAsync(_bastion.AdminToken, web, "echo other-$((3+3))", "other-6");
        var opals = await RunAsync(opal, dbId, "echo back-$((20+1))-zq", "back-21-zq");

        // 2. Both are found; the offset is where the recording has the marker.
        var hits = await SearchUntilAsync(audrey, "q=back-21-zq", 2);
        Assert.Equal([opals, marked], Ids(hits));
        var hit = hits.Single(h => h.GetProperty("sessionId").GetString() == marked);
        var printedAt = await OffsetInRecordingAsync(marked, "back-21-zq");
        Assert.True(printedAt > 2.5, $"the marker came after the ticks, at {printedAt} s");
        Assert.InRange(hit.GetProperty("offset").GetDouble(), printedAt - 1.5, printedAt + 0.01);
        Assert.Equal("admin", hit.GetProperty("user").GetString());
        Assert.Equal("output", hit.GetProperty("kind").GetString());
        var snippet = hit.GetProperty("snippet").EnumerateArray().ToList();
        Assert.Contains(snippet, p => p.GetProperty("hit").GetBoolean() && p.GetProperty("text").GetString()!.Contains("back-21-zq", StringComparison.Ordinal));

        // 3. Filters: user, host by name and by id, time.
        Assert.Equal([marked], Ids(await SearchAsync(audrey, "q=back-21-zq&user=admin")));
        Assert.Equal([opals], Ids(await SearchAsync(audrey, $"q=back-21-zq&host={dbHost}")));
        Assert.Equal([opals], Ids(await SearchAsync(audrey, $"q=back-21-zq&host={dbId}")));
        var startedOpal = hits[0].GetProperty("startedAt").GetDateTimeOffset();
        Assert.Equal([opals], Ids(await SearchAsync(audrey, $"q=back-21-zq&from={Uri.EscapeDataString(startedOpal.ToString("O", CultureInfo.InvariantCulture))}")));
        Assert.Empty(Ids(await SearchAsync(audrey, "q=back-21-zq&to=2000-01-01T00:00:00Z")));
        Assert.Equal([marked], Ids(await SearchAsync(audrey, "q=tick-2")));
        Assert.Empty(Ids(await SearchAsync(audrey, "q=back-22-zq")));

        // 4. Paging: one hit a page.
        var (_, first) = await Server.SendAsync(HttpMethod.Get, "/api/recordings/search?q=back-21-zq&limit=1", audrey);
        Assert.Equal(1, first.GetProperty("next").GetInt32());
        var (_, second) = await Server.SendAsync(HttpMethod.Get, "/api/recordings/search?q=back-21-zq&limit=1&skip=1", audrey);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(marked, second.GetProperty("hits")[0].GetProperty("sessionId").GetString());

        // 5. Operators may not search.
        var (status, _) = await Server.SendAsync(HttpMethod.Get, "/api/recordings/search?q=back", opal);
        Assert.Equal(403, status);

        // 6. A session that retention removed (row and recording) leaves the index too.
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
            await db.Sessions.Where(s => s.Id == opals).ExecuteDeleteAsync();
        }

        await Poll.UntilAsync(async () => await CountRowsAsync(opals) == 0, "the removed session's index rows deleted");
        Assert.Equal([marked], Ids(await SearchAsync(audrey, "q=back-21-zq")));
    }

    private async Task<long> CountRowsAsync(string sessionId)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"RecordingText\" WHERE \"SessionId\" = @id";
        var id = command.CreateParameter();
        id.ParameterName = "id";
        id.Value = sessionId;
        command.Parameters.Add(id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string[] Ids(IReadOnlyList<JsonElement> hits) => hits.Select(h => h.GetProperty("sessionId").GetString()!).Distinct().ToArray();

    private async Task<string> RunAsync(string token, string hostId, string command, string expect)
    {
        await using var terminal = await _bastion.OpenTerminalAsync(hostId, token, query: "cols=120&rows=24");
        await terminal.SendInputAsync(command + "\r");
        await terminal.WaitForOutputAsync(expect + "\r\n");
        var id = terminal.SessionId!;
        await terminal.SendInputAsync("exit\r");
        await terminal.WaitForCloseAsync();
        await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == id, "session.ended");
        await Server.WaitForSessionEndedAsync(id);
        return id;
    }

    private async Task<IReadOnlyList<JsonElement>> SearchAsync(string token, string query)
    {
        var (status, body) = await Server.SendAsync(HttpMethod.Get, "/api/recordings/search?" + query, token);
        Assert.Equal(200, status);
        return body.GetProperty("hits").EnumerateArray().ToList();
    }

    private async Task<IReadOnlyList<JsonElement>> SearchUntilAsync(string token, string query, int count)
    {
        IReadOnlyList<JsonElement> hits = [];
        await Poll.UntilAsync(async () => (hits = await SearchAsync(token, query)).Count >= count, $"{count} hits for {query}");
        return hits;
    }

    /// <summary>The offset of the first output event of the recording that holds <paramref name="text"/>.</summary>
    private async Task<double> OffsetInRecordingAsync(string sessionId, string text)
    {
        using var request = BastionServer.Request(HttpMethod.Get, $"/api/sessions/{sessionId}/recording", _bastion.AdminToken);
        using var response = await Server.Http.SendAsync(request).WithTimeout();
        var cast = await response.Content.ReadAsStringAsync().WithTimeout();
        foreach (var line in cast.Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            using var e = JsonDocument.Parse(line);
            if (e.RootElement[1].GetString() == "o" && e.RootElement[2].GetString()!.Contains(text, StringComparison.Ordinal))
            {
                return e.RootElement[0].GetDouble();
            }
        }

        throw new InvalidOperationException($"{text} is not in the recording");
    }
}

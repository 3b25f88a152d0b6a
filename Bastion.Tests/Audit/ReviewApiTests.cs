using System.Net.Http.Headers;
using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Tests.Audit;

/// <summary>Exports, paging and who sees which sessions and recordings.</summary>
public sealed class ReviewApiTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    // A deployment per test: the assertions cover every session and every login event of the server.
    private BastionFixture _bastion = null!;

    private BastionServer Server => _bastion.Server;

    private string Admin => _bastion.AdminToken;

    public async Task InitializeAsync() => _bastion = await BastionFixture.StartAsync(sshd.Server);

    public async Task DisposeAsync() => await _bastion.DisposeAsync();

    private async Task<(int Status, string Body, string? ContentType)> GetTextAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Server.Http.SendAsync(request).WithTimeout();
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync().WithTimeout(), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> RunSessionAsync(string token, string hostId, string marker)
    {
        await using var terminal = await _bastion.OpenTerminalAsync(hostId, token, query: "cols=80&rows=24");
        await terminal.SendInputAsync($"echo {marker}-$((1+1))\r");
        await terminal.WaitForOutputAsync($"{marker}-2\r\n");
        var id = terminal.SessionId!;
        await terminal.SendInputAsync("exit\r");
        await terminal.WaitForCloseAsync();
        await Server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == id, "session.ended");
        await Server.WaitForSessionEndedAsync(id);
        return id;
    }

    [Fact]
    public async Task Operators_SeeOnlyTheirOwnSessionsAndRecordings_AuditorsSeeAll()
    {
        var hostId = await _bastion.AddHostAsync();
        await Server.CreateUserAsync("opal", "opal-password-1", "operator");
        await Server.CreateUserAsync("audrey", "audrey-password-1", "auditor");
        await Server.GrantAsync("opal", hostId);
        var opal = await Server.LoginAsync("opal", "opal-password-1");
        var audrey = await Server.LoginAsync("audrey", "audrey-password-1");
        var mine = await RunSessionAsync(opal, hostId, "opal");
        var admins = await RunSessionAsync(Admin, hostId, "adm");

        var (_, opalList) = await Server.SendAsync(HttpMethod.Get, "/api/sessions", opal);
        var seen = opalList.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal([mine], seen);
        Assert.Equal(404, (await GetTextAsync($"/api/sessions/{admins}/recording", opal)).Status);
        var (status, cast, type) = await GetTextAsync($"/api/sessions/{mine}/recording", opal);
        Assert.Equal(200, status);
        Assert.Equal("application/x-asciicast", type);
        Assert.Contains("opal-2", cast);

        var (_, all) = await Server.SendAsync(HttpMethod.Get, "/api/sessions", audrey);
        Assert.Equal(2, all.GetProperty("sessions").GetArrayLength());
        var first = all.GetProperty("sessions")[0];
        Assert.Equal("host_closed", first.GetProperty("endReason").GetString());
        Assert.True(first.GetProperty("bytesOut").GetInt64() > 0);
        var (_, detail) = await Server.SendAsync(HttpMethod.Get, $"/api/sessions/{mine}", audrey);
        Assert.Contains(detail.GetProperty("commands").EnumerateArray(), c => c.GetProperty("line").GetString()!.EndsWith("echo opal-$((1+1))", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exports_CsvAndJsonLines_HoldTheFilteredEvents_AndPagingWalksBackwards()
    {
        for (var i = 0; i < 4; i++)
        {
            await Server.LoginAsync();
        }

        using (var bad = await Server.Http.PostAsync("/api/auth/token", JsonContent("{\"username\":\"nobody\",\"password\":\"x\"}")).WithTimeout())
        {
            Assert.Equal(401, (int)bad.StatusCode);
        }

        var (status, jsonl, _) = await GetTextAsync("/api/audit/events.jsonl?type=auth.login.succeeded", Admin);
        Assert.Equal(200, status);
        var lines = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.Equal("auth.login.succeeded", JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()));

        var (_, csv, csvType) = await GetTextAsync("/api/audit/events.csv?type=auth.login.failed", Admin);
        Assert.Equal("text/csv", csvType);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("sequence,time,type", rows[0]);
        Assert.Contains("auth.login.failed", rows[1]);

        var (_, page1) = await Server.SendAsync(HttpMethod.Get, "/api/audit/events?limit=2", Admin);
        var next = page1.GetProperty("next").GetInt64();
        var (_, page2) = await Server.SendAsync(HttpMethod.Get, $"/api/audit/events?limit=2&before={next}", Admin);
        var seqs = page1.GetProperty("events").EnumerateArray().Concat(page2.GetProperty("events").EnumerateArray())
            .Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(seqs.OrderDescending().ToList(), seqs);
        Assert.Equal(4, seqs.Distinct().Count());
        Assert.Equal(400, (await Server.SendAsync(HttpMethod.Get, "/api/audit/events?from=yesterday-ish", Admin)).Status);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

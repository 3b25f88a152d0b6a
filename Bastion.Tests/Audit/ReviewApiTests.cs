using System.Net.Http.Headers;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Testing;

namespace Bastion.Tests.Audit;

/// <summary>Exports, paging and who sees which sessions and recordings.</summary>
[Collection(SshdCollectionDefinition.Name)]
public sealed class ReviewApiTests(SshdFixture sshd) : IAsyncLifetime
{
    private BastionServer _server = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await BastionServer.StartAsync();
        _admin = await _server.LoginAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(int Status, string Body, string? ContentType)> GetTextAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Http.SendAsync(request).WithTimeout();
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync().WithTimeout(), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> RunSessionAsync(string token, string hostId, string marker)
    {
        var ticket = await _server.IssueTicketAsync(token, hostId);
        await using var terminal = await TerminalClient.ConnectAsync(_server.WebSocketUri($"/ws/terminal/{hostId}?cols=80&rows=24&ticket={Uri.EscapeDataString(ticket)}"));
        await terminal.SendInputAsync($"echo {marker}-$((1+1))\r");
        await terminal.WaitForOutputAsync($"{marker}-2\r\n");
        var id = terminal.SessionId!;
        await terminal.SendInputAsync("exit\r");
        await terminal.WaitForCloseAsync();
        await _server.WaitForEventAsync(e => e.Type == AuditEventTypes.SessionEnded && e.SessionId == id, "session.ended");
        return id;
    }

    [Fact]
    public async Task Operators_SeeOnlyTheirOwnSessionsAndRecordings_AuditorsSeeAll()
    {
        var hostId = await _server.AddHostAsync(_admin, sshd.Server);
        await _server.CreateUserAsync("opal", "opal-password-1", "operator");
        await _server.CreateUserAsync("audrey", "audrey-password-1", "auditor");
        await _server.GrantAsync("opal", hostId);
        var opal = await _server.LoginAsync("opal", "opal-password-1");
        var audrey = await _server.LoginAsync("audrey", "audrey-password-1");
        var mine = await RunSessionAsync(opal, hostId, "opal");
        var admins = await RunSessionAsync(_admin, hostId, "adm");

        var (_, opalList) = await _server.SendAsync(HttpMethod.Get, "/api/sessions", opal);
        var seen = opalList.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal([mine], seen);
        Assert.Equal(404, (await GetTextAsync($"/api/sessions/{admins}/recording", opal)).Status);
        var (status, cast, type) = await GetTextAsync($"/api/sessions/{mine}/recording", opal);
        Assert.Equal(200, status);
        Assert.Equal("application/x-asciicast", type);
        Assert.Contains("opal-2", cast);

        var (_, all) = await _server.SendAsync(HttpMethod.Get, "/api/sessions", audrey);
        Assert.Equal(2, all.GetProperty("sessions").GetArrayLength());
        var first = all.GetProperty("sessions")[0];
        Assert.Equal("host_closed", first.GetProperty("endReason").GetString());
        Assert.True(first.GetProperty("bytesOut").GetInt64() > 0);
        var (_, detail) = await _server.SendAsync(HttpMethod.Get, $"/api/sessions/{mine}", audrey);
        Assert.Contains(detail.GetProperty("commands").EnumerateArray(), c => c.GetProperty("line").GetString()!.EndsWith("echo opal-$((1+1))", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exports_CsvAndJsonLines_HoldTheFilteredEvents_AndPagingWalksBackwards()
    {
        for (var i = 0; i < 4; i++)
        {
            await _server.LoginAsync();
        }

        using (var bad = await _server.Http.PostAsync("/api/auth/token", JsonContent("{\"username\":\"nobody\",\"password\":\"x\"}")).WithTimeout())
        {
            Assert.Equal(401, (int)bad.StatusCode);
        }

        var (status, jsonl, _) = await GetTextAsync("/api/audit/events.jsonl?type=auth.login.succeeded", _admin);
        Assert.Equal(200, status);
        var lines = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.Equal("auth.login.succeeded", JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()));

        var (_, csv, csvType) = await GetTextAsync("/api/audit/events.csv?type=auth.login.failed", _admin);
        Assert.Equal("text/csv", csvType);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("sequence,time,type", rows[0]);
        Assert.Contains("auth.login.failed", rows[1]);

        var (_, page1) = await _server.SendAsync(HttpMethod.Get, "/api/audit/events?limit=2", _admin);
        var next = page1.GetProperty("next").GetInt64();
        var (_, page2) = await _server.SendAsync(HttpMethod.Get, $"/api/audit/events?limit=2&before={next}", _admin);
        var seqs = page1.GetProperty("events").EnumerateArray().Concat(page2.GetProperty("events").EnumerateArray())
            .Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(seqs.OrderDescending().ToList(), seqs);
        Assert.Equal(4, seqs.Distinct().Count());
        Assert.Equal(400, (await _server.SendAsync(HttpMethod.Get, "/api/audit/events?from=yesterday-ish", _admin)).Status);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

using Bastion.Core.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Audit;

/// <summary>Tampering with the SQLite file directly is caught by the verifier (API and command line).</summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private BastionServer _server = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        // SQLite on every run: the tests tamper with the database file directly.
        _server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Storage:Provider"] = "sqlite" });
        for (var i = 0; i < 5; i++)
        {
            _token = await _server.LoginAsync();
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_server.DataDir, "bastion.db")};Pooling=False");
        await connection.OpenAsync().WithTimeout();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync().WithTimeout() > 0, sql);
    }

    [Fact]
    public async Task UntouchedChain_Verifies_ByApiAndCommandLine()
    {
        var (status, body) = await _server.SendAsync(HttpMethod.Get, "/api/audit/verify", _token);
        Assert.Equal(200, status);
        Assert.True(body.GetProperty("ok").GetBoolean(), body.ToString());
        Assert.Equal(5, body.GetProperty("checked").GetInt64());

        var cli = await BastionProcess.RunCliAsync(_server.DataDir, "audit", "verify").WithTimeout(BastionProcess.CliTimeout);
        Assert.True(cli.ExitCode == 0, cli.StandardOutput + cli.StandardError);
        Assert.Contains("ok: 5 events verified", cli.StandardOutput);

        var (_, head) = await _server.SendAsync(HttpMethod.Get, "/api/audit/head", _token);
        Assert.Equal(body.GetProperty("lastHash").GetString(), head.GetProperty("hash").GetString());
    }

    [Theory]
    [InlineData("edit", "UPDATE AuditEvents SET Actor = 'mallory' WHERE Sequence = 3", "edited")]
    [InlineData("edit-data", "UPDATE AuditEvents SET DataJson = '{}' WHERE Sequence = 3", "edited")]
    [InlineData("delete", "DELETE FROM AuditEvents WHERE Sequence = 3", "missing")]
    [InlineData("reorder", "UPDATE AuditEvents SET Sequence = -1 WHERE Sequence = 3; UPDATE AuditEvents SET Sequence = 3 WHERE Sequence = 4; UPDATE AuditEvents SET Sequence = 4 WHERE Sequence = -1", "previous-hash")]
    public async Task TamperedRow_IsNamedAsTheFirstBadEvent(string what, string sql, string problem)
    {
        await ExecuteSqlAsync(sql);

        var (status, body) = await _server.SendAsync(HttpMethod.Get, "/api/audit/verify", _token);
        Assert.Equal(200, status);
        Assert.False(body.GetProperty("ok").GetBoolean(), what);
        var bad = what == "delete" ? 4 : 3;
        Assert.Equal(bad, body.GetProperty("badSequence").GetInt64());
        Assert.Contains(problem, body.GetProperty("problem").GetString());
        Assert.Equal(2, body.GetProperty("lastSequence").GetInt64());

        var cli = await BastionProcess.RunCliAsync(_server.DataDir, "audit", "verify").WithTimeout(BastionProcess.CliTimeout);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains($"BROKEN at event {bad}", cli.StandardOutput);
    }

    [Fact]
    public async Task Retention_PrunesFromTheStart_WithASignedCheckpoint_AndTheChainStillVerifies()
    {
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var retention = scope.ServiceProvider.GetRequiredService<AuditRetention>();
            var pruned = await retention.PruneAsync(DateTimeOffset.UtcNow.AddDays(31), 30, CancellationToken.None).WithTimeout();
            Assert.Equal(4, pruned); // the newest event is always kept
        }

        var (_, body) = await _server.SendAsync(HttpMethod.Get, "/api/audit/verify", _token);
        Assert.True(body.GetProperty("ok").GetBoolean(), body.ToString());
        var events = await _server.EventsAsync();
        Assert.Equal(5, events[0].Sequence);
        Assert.Contains(events, e => e.Type == AuditEventTypes.AuditPruned);

        // Moving the checkpoint forward without the key is caught.
        await ExecuteSqlAsync("UPDATE AuditCheckpoints SET FirstSequence = 6");
        (_, body) = await _server.SendAsync(HttpMethod.Get, "/api/audit/verify", _token);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Contains("checkpoint", body.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task AuditApi_IsForAuditorsAndAdmins_Only()
    {
        await _server.CreateUserAsync("otto", "otto-password-1", "operator");
        await _server.CreateUserAsync("aud", "aud-password-1", "auditor");
        var otto = await _server.LoginAsync("otto", "otto-password-1");
        var aud = await _server.LoginAsync("aud", "aud-password-1");

        Assert.Equal(403, (await _server.SendAsync(HttpMethod.Get, "/api/audit/events", otto)).Status);
        Assert.Equal(401, (await _server.SendAsync(HttpMethod.Get, "/api/audit/events", null)).Status);
        var (status, body) = await _server.SendAsync(HttpMethod.Get, "/api/audit/events?type=auth.login&user=otto", aud);
        Assert.Equal(200, status);
        var only = Assert.Single(body.GetProperty("events").EnumerateArray());
        Assert.Equal("otto", only.GetProperty("actor").GetString());
    }
}

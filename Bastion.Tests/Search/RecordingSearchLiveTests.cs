using Bastion.Core.Recording.Search;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Search;

/// <summary>The recorder's hook: with the sweep an hour away, what a running session prints is searchable within
/// seconds, so only the flush notification can have indexed it.</summary>
public sealed class RecordingSearchLiveTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IAsyncLifetime
{
    private BastionFixture _bastion = null!;

    public async Task InitializeAsync() =>
        _bastion = await BastionFixture.StartAsync(sshd.Server, new Dictionary<string, string> { ["Search:SweepInterval"] = "01:00:00" });

    public async Task DisposeAsync() => await _bastion.DisposeAsync();

    [Fact]
    public async Task WhatARunningSessionPrints_IsFound_WhileItRuns()
    {
        var hostId = await _bastion.AddHostAsync(BastionFixture.Unique("live"));
        await using var terminal = await _bastion.OpenTerminalAsync(hostId, query: "cols=80&rows=24");
        // The first sweep runs at start; wait until the session has output before printing the marker.
        await terminal.SendInputAsync("echo ready-$((1+1))\r");
        await terminal.WaitForOutputAsync("ready-2\r\n");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await terminal.SendInputAsync("echo live-$((300+3))-mark\r");
        await terminal.WaitForOutputAsync("live-303-mark\r\n");

        await Poll.UntilAsync(async () =>
        {
            var (_, found) = await _bastion.Server.SendAsync(HttpMethod.Get, "/api/recordings/search?q=live-303-mark", _bastion.AdminToken);
            return found.GetProperty("hits").GetArrayLength() == 1
                && found.GetProperty("hits")[0].GetProperty("sessionId").GetString() == terminal.SessionId;
        }, "the running session's marker in the index");
        await terminal.SendInputAsync("exit\r");
        await terminal.WaitForCloseAsync();

        // Issue 12: on SQLite, FTS5 merges 16 segments a level at a time (fewer rewrites of the index per MB).
        await using var scope = _bastion.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        if (db.Database.IsSqlite())
        {
            var automerge = await db.Database.SqlQueryRaw<long>("""SELECT "v" AS "Value" FROM "RecordingText_config" WHERE "k" = 'automerge'""")
                .SingleAsync().WithTimeout();
            Assert.Equal(SqliteRecordingSearchStore.AutoMerge, automerge);
        }
    }
}

using Bastion.Core.Audit;
using Bastion.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bastion.Tests.Cluster;

/// <summary>Audit retention on several nodes of one PostgreSQL database (issue 10): while one node prunes (holds the
/// retention lock), another's round prunes nothing; afterwards it prunes as usual and the chain verifies.</summary>
public sealed class RetentionLockTests : IAsyncLifetime
{
    private BastionServer _server = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        _connectionString = await postgres.CreateDatabaseAsync("retention");
        _server = await BastionServer.StartAsync(new Dictionary<string, string>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Bastion"] = _connectionString,
        });
        for (var i = 0; i < 5; i++)
        {
            await _server.LoginAsync();
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task WhileAnotherNodeHoldsTheRetentionLock_PruneSkips_ThenPrunesOnceItIsFree()
    {
        var before = (await _server.EventsAsync()).Count;

        // Another node, mid-prune: its transaction holds the lock.
        await using (var other = new NpgsqlConnection(_connectionString))
        {
            await other.OpenAsync().WithTimeout();
            await using var transaction = await other.BeginTransactionAsync().WithTimeout();
            await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AuditRetention.RetentionLockKey})", other, transaction))
            {
                await lockCommand.ExecuteScalarAsync().WithTimeout();
            }

            Assert.Equal(0, await PruneAsync());
            Assert.Equal(before, (await _server.EventsAsync()).Count);
            await transaction.CommitAsync().WithTimeout();
        }

        Assert.True(await PruneAsync() > 0);
        var token = await _server.LoginAsync();
        var (_, verify) = await _server.SendAsync(HttpMethod.Get, "/api/audit/verify", token);
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
    }

    private async Task<long> PruneAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditRetention>().PruneAsync(DateTimeOffset.UtcNow.AddDays(31), 30, CancellationToken.None).WithTimeout();
    }
}

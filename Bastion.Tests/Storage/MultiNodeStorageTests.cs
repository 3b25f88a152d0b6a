using System.Net.Http.Headers;
using Npgsql;

namespace Bastion.Tests.Storage;

/// <summary>Two Bastion processes on one PostgreSQL database: one audit chain however they interleave, and a token
/// or a vault secret written by one node is read by the other.</summary>
public sealed class MultiNodeStorageTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(8);

    private static async Task<(BastionProcess A, BastionProcess B, string ConnectionString)> StartTwoNodesAsync()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("nodes");
        string[] args = ["--Storage:Provider=postgres", $"--ConnectionStrings:Bastion={connectionString}"];
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var a = BastionProcess.StartAsync(extraArgs: args, onStandardError: l => log.Enqueue("A: " + l), timeout: TimeSpan.FromSeconds(60));
        var b = BastionProcess.StartAsync(extraArgs: args, onStandardError: l => log.Enqueue("B: " + l), timeout: TimeSpan.FromSeconds(60));
        try
        {
            return (await a.WithTimeout(Long), await b.WithTimeout(Long), connectionString);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException("A node did not start; its stderr:\n" + string.Join('\n', log.TakeLast(60)), e);
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().WithTimeout();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync().WithTimeout(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task TwoNodes_AppendTenThousandEventsConcurrently_AndTheChainHasNoForkAndNoGap()
    {
        var (a, b, connectionString) = await StartTwoNodesAsync();
        await using (a)
        await using (b)
        {
            var token = await a.LoginAsync();
            var before = await ScalarAsync(connectionString, "SELECT count(*) FROM \"AuditEvents\"");

            // Each ticket asked for an unknown host is one audit append (session.denied, not_granted) and changes nothing
            // else; 8 at a time on each node, 5,000 per node, with A's token on both.
            async Task DenialsAsync(BastionProcess node) => await Parallel.ForAsync(0, 5_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/terminal/tickets")
                {
                    Content = System.Net.Http.Json.JsonContent.Create(new { hostId = Guid.NewGuid() }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await node.Http.SendAsync(request, ct);
                Assert.Equal(404, (int)response.StatusCode);
            });
            await Task.WhenAll(DenialsAsync(a), DenialsAsync(b)).WithTimeout(Long);

            var count = await ScalarAsync(connectionString, "SELECT count(*) FROM \"AuditEvents\"");
            Assert.Equal(before + 10_000, count);
            Assert.Equal(count, await ScalarAsync(connectionString, "SELECT max(\"Sequence\") FROM \"AuditEvents\""));
            Assert.Equal(count, await ScalarAsync(connectionString, "SELECT count(DISTINCT \"PrevHash\") FROM \"AuditEvents\""));
            Assert.Equal(10_000, await ScalarAsync(connectionString, "SELECT count(*) FROM \"AuditEvents\" WHERE \"Type\" = 'session.denied'"));

            var verify = await BastionProcess.RunCliAsync(a.DataDir, "audit", "verify", "--Storage:Provider=postgres", $"--ConnectionStrings:Bastion={connectionString}").WithTimeout(Long);
            Assert.True(verify.ExitCode == 0, verify.StandardOutput + verify.StandardError);
            Assert.Contains($"ok: {count} events verified", verify.StandardOutput);
        }
    }

    [Fact]
    public async Task ATokenAndAVaultSecretWrittenByOneNode_AreReadByTheOther()
    {
        var (a, b, _) = await StartTwoNodesAsync();
        await using (a)
        await using (b)
        {
            // A encrypts the host's password with the key ring and signs the token; B decrypts and validates.
            await a.LoginAsync();
            var hostId = await a.CreateHostAsync(HostSpec.For(sshd.Server, HostSpec.UniqueName("shared")));
            b.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", a.Token);
            await using (var terminal = await TerminalClient.ConnectAsync(await b.TerminalUriAsync(hostId)).WithTimeout())
            {
                await terminal.SendInputAsync("echo other-node-$((20+3))\r");
                await terminal.WaitForOutputAsync("other-node-23");
            }

            // And the other way round: B's token works on A.
            await b.LoginAsync();
            using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", b.Token);
            using var response = await a.Http.SendAsync(me).WithTimeout();
            Assert.Equal(200, (int)response.StatusCode);
        }
    }
}

using System.Text;
using Bastion.Core.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Tests.Inventory;

/// <summary>
/// Secrets are write-only: a unique canary password, private key and passphrase go in through every route that
/// takes secrets, the hosts are used (a failing login, a scan), and then every API response, log line, audit event and
/// the SQLite file (with its WAL) are searched for them.
/// </summary>
public sealed class CanarySecretTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task CanarySecrets_NeverAppearInResponsesLogsAuditOrDatabase()
    {
        var canary = "canary" + Guid.NewGuid().ToString("N");
        var keyDir = Directory.CreateTempSubdirectory("bastion-canary-key-");
        var keyPath = Path.Combine(keyDir.FullName, "key");
        await ToolRunner.RunCheckedAsync("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", canary + "-pp", "-C", "", "-f", keyPath]);
        var privateKey = await File.ReadAllTextAsync(keyPath).WithTimeout();
        var keyBody = privateKey.Split('\n')[1].Trim(); // a line of the encrypted key's base64

        var logs = new CapturingLoggerProvider();
        var audit = new CapturingAuditLog();
        await using var server = await BastionServer.StartAsync(
            // SQLite on every run: the test reads the database file's bytes.
            new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Trace", ["Storage:Provider"] = "sqlite" },
            configureServices: s =>
            {
                s.AddSingleton<ILoggerProvider>(logs);
                s.AddSingleton<IAuditLog>(audit);
            });
        var token = await server.LoginAsync();
        var responses = new StringBuilder();
        async Task<System.Text.Json.JsonElement> Call(HttpMethod method, string path, object? body = null)
        {
            var (status, json) = await server.SendAsync(method, path, token, body);
            responses.Append(status).Append(' ').Append(json.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "" : json.ToString()).Append('\n');
            return json;
        }

        // 1. Secrets in: a host's own password, a key with passphrase, a shared credential created and rotated.
        var pwHost = (await Call(HttpMethod.Post, "/api/hosts", (HostSpec.For(sshd.Server, "canary-pw") with { Password = canary + "-pw1" }).ToBody()))
            .GetProperty("id").GetString()!;
        await Call(HttpMethod.Post, "/api/hosts", (HostSpec.At("127.0.0.1", "canary-key", password: null) with
        {
            Port = 1,
            PrivateKey = privateKey,
            Passphrase = canary + "-pp",
        }).ToBody());
        await Call(HttpMethod.Post, "/api/hosts", (HostSpec.At("127.0.0.1", "canary-badkey", password: null) with
        {
            PrivateKey = privateKey,
            Passphrase = canary + "-wrong",
        }).ToBody());
        var shared = (await Call(HttpMethod.Post, "/api/credentials", new { name = "fleet", password = canary + "-shared1" })).GetProperty("id").GetString()!;
        await Call(HttpMethod.Put, $"/api/credentials/{shared}", new { name = "fleet", password = canary + "-shared2" });
        await Call(HttpMethod.Put, $"/api/hosts/{pwHost}", (HostSpec.For(sshd.Server, "canary-pw") with { Password = canary + "-pw2" }).ToBody());
        await Call(HttpMethod.Post, "/api/users", new { username = "canary-user", password = canary + "-user", roles = new[] { "operator" } });

        // 2. Use them: a login the host refuses (wrong password), and a scan.
        var ticket = await server.IssueTicketAsync(token, pwHost);
        await using (var terminal = await TerminalClient.ConnectAsync(server.WebSocketUri($"/ws/terminal/{pwHost}?ticket={Uri.EscapeDataString(ticket)}")))
        {
            await terminal.WaitForCloseAsync();
            responses.Append(terminal.Output).Append(string.Join("\n", terminal.Errors)).Append('\n');
        }

        await Call(HttpMethod.Post, $"/api/hosts/{pwHost}/host-key/scan");

        // 3. Everything readable.
        foreach (var path in (string[])["/api/hosts", "/api/hosts?all=1", $"/api/hosts/{pwHost}", "/api/credentials", "/api/users", "/api/grants",
                     "/api/host-keys/pending", "/api/hosts/export", "/api/me"])
        {
            await Call(HttpMethod.Get, path);
        }

        using (var csv = await server.Http.SendAsync(BastionServer.Request(HttpMethod.Get, "/api/hosts/export?format=csv", token)).WithTimeout())
        {
            responses.Append(await csv.Content.ReadAsStringAsync().WithTimeout());
        }

        // 4. Search.
        var database = ReadShared(Path.Combine(server.DataDir, "bastion.db")) + ReadShared(Path.Combine(server.DataDir, "bastion.db-wal"));
        var places = new Dictionary<string, string>
        {
            ["responses"] = responses.ToString(),
            ["logs"] = string.Join("\n", logs.Lines),
            ["audit"] = audit.AllText(),
            ["database"] = database,
        };
        Assert.NotEmpty(logs.Lines);
        Assert.Contains(audit.Events, e => e.Type == "credential.rotated");
        Assert.Contains("canary-pw", places["responses"], StringComparison.Ordinal); // the search can find things
        foreach (var (place, text) in places)
        {
            Assert.False(text.Contains(canary, StringComparison.Ordinal), $"the canary leaked into {place}");
            Assert.False(text.Contains(keyBody, StringComparison.Ordinal), $"private key material leaked into {place}");
        }

        keyDir.Delete(recursive: true);
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Encoding.Latin1.GetString(memory.ToArray());
    }
}

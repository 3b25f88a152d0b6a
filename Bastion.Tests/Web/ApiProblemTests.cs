using System.Text.Json;
using Bastion.Core.Audit;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Web;

/// <summary>Every error reply carries a ProblemDetails body (issue 13): an unhandled error (500), a full disk (507), a
/// body over the limit (413), a rate limit (429) and a status with no body of its own (404).</summary>
public sealed class ApiProblemTests
{
    private const int Enospc = 28;

    [Fact]
    public async Task AnUnhandledError_Is500WithAProblemBody_AndNoExceptionText()
    {
        await using var server = await BastionServer.StartAsync(configureServices: s => s.AddSingleton<IAuditLog>(
            sp => new ThrowingAuditLog(sp.GetRequiredService<SqliteAuditLog>(), AuditEventTypes.HostCreated, () => new InvalidOperationException("secret-internal-detail"))));
        var token = await server.LoginAsync();

        using var response = await CreateHostAsync(server, token, BastionFixture.Unique("p500"));

        var problem = await AssertProblemAsync(response, 500, "Internal server error");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single()); // the handler's reply keeps the security headers
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-internal-detail", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFullDisk_Is507WithAProblemBody_ToldByTheErrorsValue()
    {
        // The message says nothing of space: ENOSPC is told by its errno (HResult), not by words.
        await using var server = await BastionServer.StartAsync(configureServices: s => s.AddSingleton<IAuditLog>(
            sp => new ThrowingAuditLog(sp.GetRequiredService<SqliteAuditLog>(), AuditEventTypes.HostCreated, () => new IOException("write failed", Enospc))));
        var token = await server.LoginAsync();

        using var response = await CreateHostAsync(server, token, BastionFixture.Unique("p507"));

        var problem = await AssertProblemAsync(response, 507, "Insufficient storage");
        Assert.Contains("disk is full", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverTheLimit_Is413WithAProblemBody()
    {
        await using var server = await BastionServer.StartAsync(configureServices: s => s.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 4096));
        var token = await server.LoginAsync();

        using var response = await CreateHostAsync(server, token, new string('x', 16 * 1024));

        await AssertProblemAsync(response, 413, "Request body too large");
    }

    [Fact]
    public async Task ARateLimitBeyondSignIn_Is429WithAProblemBody()
    {
        await using var server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Auth:LoginAttemptsPerMinute"] = "3" });
        var token = await server.LoginAsync();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            using var request = BastionServer.Request(HttpMethod.Post, "/api/account/password", token, new { currentPassword = "wrong-password", newPassword = "another-password-1234" });
            var response = await server.Http.SendAsync(request).WithTimeout();
            if ((int)response.StatusCode == 429)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            await AssertProblemAsync(refused, 429, "Too many requests");
        }
    }

    [Fact]
    public async Task AStatusWithNoBodyOfItsOwn_GetsAProblemBody()
    {
        await using var server = await BastionServer.StartAsync();

        using var response = await server.Http.GetAsync("/api/no-such-endpoint").WithTimeout();

        await AssertProblemAsync(response, 404, "Not Found");
    }

    private static Task<HttpResponseMessage> CreateHostAsync(BastionServer server, string token, string name)
    {
        var request = BastionServer.Request(HttpMethod.Post, "/api/hosts", token, (HostSpec.At("127.0.0.1", name, "nobody", "not-used") with { Port = 22 }).ToBody());
        return server.Http.SendAsync(request).WithTimeout();
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string title)
    {
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(text);
        var root = body.RootElement.Clone();
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.Equal(title, root.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("error").GetString()));
        return root;
    }
}

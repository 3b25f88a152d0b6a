using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bastion.Tests.Auth;

/// <summary>The per-address sign-in limit answers with <c>429</c>, <c>Retry-After</c> and a ProblemDetails body.</summary>
public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task BeyondTheLimit_ASignInIs429_WithRetryAfterAndAProblemBody()
    {
        await using var server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Auth:LoginAttemptsPerMinute"] = "2" });
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await server.Http.PostAsJsonAsync("/api/auth/token", new { username = "nobody", password = "wrong-password" }).WithTimeout();
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var refused = await server.Http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = BastionServer.AdminPassword }).WithTimeout();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync().WithTimeout());
        Assert.Equal(429, body.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("too many sign-in attempts", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

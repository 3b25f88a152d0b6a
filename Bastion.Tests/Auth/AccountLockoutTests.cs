using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Tests.Auth;

/// <summary>Issue 11: an account locks after Auth:LockoutThreshold failures whatever address they came from, is
/// refused with 429, Retry-After and a body that does not say whether it exists, opens again after the backoff, and
/// stays locked across a restart until an admin clears it.</summary>
public sealed class AccountLockoutTests
{
    private static readonly string[] s_operator = ["operator"];

    [Fact]
    public async Task FiveFailuresFromFiveAddresses_LockTheAccount_EvenForTheRightPassword_UntilTheBackoffEnds()
    {
        await using var bastion = await BastionFixture.StartAsync(null, new Dictionary<string, string>
        {
            ["Auth:LockoutThreshold"] = "5",
            ["Auth:LockoutDuration"] = "00:00:02",
            ["Auth:LockoutMaxDuration"] = "00:00:04",
        });
        var (_, name, _) = await bastion.AddUserAsync(s_operator);

        // 1. Five wrong passwords, each from its own address: the per-address limiter alone would never see a pattern.
        for (var i = 2; i <= 6; i++)
        {
            using var client = SourceBoundClient.Create(bastion.Server.BaseUri, IPAddress.Parse($"127.0.0.{i}"));
            using var response = await client.PostAsJsonAsync("/api/auth/token", new { username = name, password = $"wrong-{i}" }).WithTimeout();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // 2. Locked now, from yet another address, with the right password.
        using var other = SourceBoundClient.Create(bastion.Server.BaseUri, IPAddress.Parse("127.0.0.7"));
        var (locked, lockedBody, retryAfter) = await LoginAsync(other, name, AdminApi.UserPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked);
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter > TimeSpan.Zero, $"Retry-After {retryAfter}");
        Assert.Equal(429, lockedBody.GetProperty("status").GetInt32());
        Assert.False(lockedBody.TryGetProperty("access_token", out _));

        // 3. A name nobody has gets the very same refusal once it has failed as often: the body tells nothing.
        var ghost = BastionFixture.Unique("ghost");
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(other, ghost, "whatever");
        }

        var (ghostStatus, ghostBody, ghostRetry) = await LoginAsync(other, ghost, "whatever");
        Assert.Equal(HttpStatusCode.TooManyRequests, ghostStatus);
        Assert.NotNull(ghostRetry);
        Assert.Equal(lockedBody.GetProperty("detail").GetString(), ghostBody.GetProperty("detail").GetString());
        Assert.Equal(lockedBody.GetProperty("title").GetString(), ghostBody.GetProperty("title").GetString());

        // 4. The refusal is audited; after the backoff the right password works again.
        var events = await AuditEventsAsync(bastion, AuditEventTypes.LoginLocked);
        Assert.Contains(events, e => e.GetProperty("data").GetProperty("user").GetString() == name);
        Assert.Contains(await AuditEventsAsync(bastion, AuditEventTypes.LockoutStarted), e => e.GetProperty("data").GetProperty("user").GetString() == name);
        await WaitForLoginAsync(other, name, AdminApi.UserPassword);
    }

    [Fact]
    public async Task ALock_SurvivesARestart_AndAnAdminCanSeeAndClearIt()
    {
        var dataDir = Directory.CreateTempSubdirectory("bastion-lockout-").FullName;
        var settings = new Dictionary<string, string> { ["Auth:LockoutThreshold"] = "3", ["Auth:LockoutDuration"] = "00:10:00" };
        string name;
        await using (var first = await BastionFixture.StartAsync(null, settings, dataDir: dataDir))
        {
            first.Server.KeepDataDir = true;
            (_, name, _) = await first.AddUserAsync(s_operator);
            for (var i = 0; i < 3; i++)
            {
                await LoginAsync(first.Server.Http, name, "wrong");
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(first.Server.Http, name, AdminApi.UserPassword)).Status);
        }

        await using var second = await BastionFixture.StartAsync(null, settings, dataDir: dataDir);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(second.Server.Http, name, AdminApi.UserPassword)).Status);

        var (status, list) = await second.Server.SendAsync(HttpMethod.Get, "/api/lockouts", second.AdminToken);
        Assert.Equal(200, status);
        Assert.Contains(list.EnumerateArray(), l => l.GetProperty("username").GetString() == name);

        var (operatorStatus, _) = await second.Server.SendAsync(HttpMethod.Get, "/api/lockouts", await second.Server.CreateUserAsync(second.AdminToken, BastionFixture.Unique("op"), s_operator).ContinueWith(t => t.Result.Token));
        Assert.Equal(403, operatorStatus);

        var (cleared, _) = await second.Server.SendAsync(HttpMethod.Delete, $"/api/lockouts/{name}", second.AdminToken);
        Assert.Equal(204, cleared);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(second.Server.Http, name, AdminApi.UserPassword)).Status);
        Assert.Contains(await AuditEventsAsync(second, AuditEventTypes.LockoutCleared), e => e.GetProperty("data").GetProperty("user").GetString() == name);
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body, TimeSpan? RetryAfter)> LoginAsync(HttpClient client, string name, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { username = name, password }).WithTimeout();
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response.Headers.RetryAfter?.Delta);
    }

    private static async Task WaitForLoginAsync(HttpClient client, string name, string password)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (true)
        {
            var (status, body, _) = await LoginAsync(client, name, password);
            if (status == HttpStatusCode.OK)
            {
                Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
                return;
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
        }
    }

    internal static async Task<List<JsonElement>> AuditEventsAsync(BastionFixture bastion, string type)
    {
        var (status, json) = await bastion.Server.SendAsync(HttpMethod.Get, $"/api/audit/events?type={type}", bastion.AdminToken);
        Assert.Equal(200, status);
        var items = json.GetProperty("events");
        return [.. items.EnumerateArray()];
    }
}

using System.Text.Json;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Inventory;

/// <summary>"Test connection" (POST /api/hosts/{id}/test) against the shared real sshd: each step's outcome is what the
/// host really did (reachable or not, its key against the pin, the stored login), and no shell is opened.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class ConnectionTestTests(BastionFixture bastion)
{
    private BastionServer Server => bastion.Server;

    private string Token => bastion.AdminToken;

    [Fact]
    public async Task GoodHost_PassesEveryStep_OpensNoShell_AndIsAudited()
    {
        var hostId = await bastion.AddHostAsync().WithTimeout();
        var mark = await bastion.QuietSshdLogMarkAsync().WithTimeout();

        var (status, body) = await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/test", Token).WithTimeout();

        Assert.Equal(200, status);
        Assert.True(body.GetProperty("succeeded").GetBoolean(), body.ToString());
        Assert.Equal(["passed", "passed", "passed"], Statuses(body));
        Assert.Equal(bastion.Sshd.HostKeyFingerprint, body.GetProperty("offeredFingerprint").GetString());
        var log = await bastion.Sshd.WaitForConnectionsToEndAsync(mark).WithTimeout();
        Assert.Contains("Accepted password", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Starting session", log, StringComparison.Ordinal);
        var tested = Assert.Single(await Server.EventsAsync().WithTimeout(), e => e.Type == "host.tested" && e.HostId == Guid.Parse(hostId));
        Assert.Contains("\"succeeded\":true", tested.Data("after"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinnedKeyDiffers_FailsTheHostKeyStep_WithTheOfferedFingerprint_AndSendsNoCredential()
    {
        var other = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var hostId = await bastion.AddHostAsync(bastion.Host().PinnedTo(other)).WithTimeout();
        var mark = await bastion.QuietSshdLogMarkAsync().WithTimeout();

        var (status, body) = await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/test", Token).WithTimeout();

        Assert.Equal(200, status);
        Assert.False(body.GetProperty("succeeded").GetBoolean());
        Assert.Equal(["passed", "failed", "skipped"], Statuses(body));
        Assert.Equal("host_key_mismatch", body.GetProperty("hostKey").GetProperty("code").GetString());
        Assert.Equal(bastion.Sshd.HostKeyFingerprint, body.GetProperty("offeredFingerprint").GetString());
        var detail = Detail(body, "hostKey");
        Assert.Equal("key_mismatch", detail.Code);
        Assert.Equal((other, bastion.Sshd.HostKeyFingerprint), (detail.Args["expected"], detail.Args["offered"]));
        await bastion.Sshd.WaitForConnectionsToEndAsync(mark).WithTimeout();
        Assert.False(bastion.Sshd.LogShowsAuthenticationAttempt(mark), bastion.Sshd.LogSince(mark));
    }

    [Fact]
    public async Task WrongPassword_FailsTheLoginStep()
    {
        var hostId = await bastion.AddHostAsync(bastion.Host() with { Password = "not-the-password" }).WithTimeout();

        var (status, body) = await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/test", Token).WithTimeout();

        Assert.Equal(200, status);
        Assert.Equal(["passed", "passed", "failed"], Statuses(body));
        Assert.Equal("auth_failed", body.GetProperty("login").GetProperty("code").GetString());
        var detail = Detail(body, "login");
        Assert.Equal("credentials_refused", detail.Code);
        Assert.Equal(bastion.Sshd.UserName, detail.Args["user"]);
    }

    [Fact]
    public async Task ClosedPort_FailsTheReachStep()
    {
        var hostId = await bastion.AddHostAsync(bastion.Host() with { Port = FreePort.Get() }).WithTimeout();

        var (status, body) = await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/test", Token).WithTimeout();

        Assert.Equal(200, status);
        Assert.Equal(["failed", "skipped", "skipped"], Statuses(body));
        Assert.Equal("unreachable", body.GetProperty("reach").GetProperty("code").GetString());
        Assert.Contains("connection refused", body.GetProperty("reach").GetProperty("message").GetString(), StringComparison.Ordinal);
        var detail = Detail(body, "reach");
        Assert.Equal("connection_refused", detail.Code);
        Assert.Equal(["address", "host", "port"], detail.Args.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UnknownHost_Is404_AndAnOperatorMayNotTest()
    {
        var (unknown, _) = await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{Guid.NewGuid()}/test", Token).WithTimeout();
        var hostId = await bastion.AddHostAsync().WithTimeout();
        var (_, _, operatorToken) = await bastion.AddUserAsync(["operator"]).WithTimeout();
        var (forbidden, _) = await Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/test", operatorToken).WithTimeout();

        Assert.Equal(404, unknown);
        Assert.Equal(403, forbidden);
    }

    /// <summary>A failed step's <c>detail</c>: the message as a code and its values, which the page words in either language.</summary>
    private static (string Code, Dictionary<string, string> Args) Detail(JsonElement body, string step)
    {
        var detail = body.GetProperty(step).GetProperty("detail");
        return (detail.GetProperty("code").GetString() ?? "",
            detail.GetProperty("args").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal));
    }

    private static List<string> Statuses(JsonElement body) =>
        [.. new[] { "reach", "hostKey", "login" }.Select(step => body.GetProperty(step).GetProperty("status").GetString() ?? "")];
}

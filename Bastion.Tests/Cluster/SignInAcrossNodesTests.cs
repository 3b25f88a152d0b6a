using Bastion.Core.Access;
using Bastion.Testing;

namespace Bastion.Tests.Cluster;

/// <summary>
/// The steps of a sign-in that span two requests (issue 10): the second factor's <c>mfa_token</c> and the step-up
/// freshness live in the bus, so each request may land on either node; nothing needs sticky routing. Each step goes
/// to a chosen node directly, so the test knows they landed on different nodes, and once through nginx.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class SignInAcrossNodesTests(MultiNodeFixture cluster)
{
    private BastionProcess A => cluster.Nodes[0];

    private BastionProcess B => cluster.Nodes[1];

    [Fact]
    public async Task TotpSignIn_PasswordOnOneNode_CodeOnTheOther_AndTheTokenIsSpentOnEveryNode()
    {
        var (_, name, token, _) = await cluster.AddAccountAsync("operator", null);
        var (secret, recoveryCodes) = await EnrolTotpAsync(token);
        using var toA = Anonymous(A.BaseUri);
        using var toB = Anonymous(B.BaseUri);

        // Password on A, code on B.
        var mfaToken = await PasswordStepAsync(toA, name);
        var (status, body) = await MultiNodeFixture.SendAsync(toB, HttpMethod.Post, "/api/auth/mfa", new { mfa_token = mfaToken, code = NextCode(secret) });
        Assert.True(status == 200, $"second step on the other node → {status}: {body}\n{cluster.Log}");
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));

        // Used up on B: neither node takes it again.
        Assert.Equal(401, (await MultiNodeFixture.SendAsync(toA, HttpMethod.Post, "/api/auth/mfa", new { mfa_token = mfaToken, code = recoveryCodes[0] })).Status);
        Assert.Equal(401, (await MultiNodeFixture.SendAsync(toB, HttpMethod.Post, "/api/auth/mfa", new { mfa_token = mfaToken, code = recoveryCodes[0] })).Status);

        // Through nginx (round-robin, no stickiness): both steps, with a recovery code this time.
        using var lb = Anonymous(cluster.Nginx.BaseUri);
        var viaLb = await PasswordStepAsync(lb, name);
        (status, body) = await MultiNodeFixture.SendAsync(lb, HttpMethod.Post, "/api/auth/mfa", new { mfa_token = viaLb, code = recoveryCodes[1] });
        Assert.True(status == 200, $"second step through nginx → {status}: {body}\n{cluster.Log}");
    }

    [Fact]
    public async Task StepUpOnOneNode_IsHonouredOnTheOther()
    {
        var body = HostSpec.For(cluster.Sshd, HostSpec.UniqueName("stepup")).ToBody();
        body["requireMfa"] = true;
        var (created, host) = await MultiNodeFixture.SendAsync(cluster.Lb, HttpMethod.Post, "/api/hosts", body);
        Assert.True(created == 201, host.ToString());
        var hostId = host.GetProperty("id").GetString()!;
        var (_, name, firstToken, _) = await cluster.AddAccountAsync("operator", hostId);
        var (secret, recoveryCodes) = await EnrolTotpAsync(firstToken);
        using var toA = Anonymous(A.BaseUri);
        var mfaToken = await PasswordStepAsync(toA, name);
        var (status, login) = await MultiNodeFixture.SendAsync(toA, HttpMethod.Post, "/api/auth/mfa", new { mfa_token = mfaToken, code = NextCode(secret) });
        Assert.True(status == 200, $"login → {status}: {login}");
        var token = login.GetProperty("access_token").GetString()!;
        using var userOnA = MultiNodeFixture.Direct(A, token);
        using var userOnB = MultiNodeFixture.Direct(B, token);

        // The login's factor goes stale (the fixture's window is short): B asks for a step-up.
        var until = DateTime.UtcNow + MultiNodeFixture.StepUpWindow + TestTimeouts.Default;
        while ((await MultiNodeFixture.SendAsync(userOnB, HttpMethod.Post, "/api/terminal/tickets", new { hostId })).Status != 403)
        {
            Assert.True(DateTime.UtcNow < until, "the second factor of the login never went stale");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        // A fresh factor on A; B issues the ticket.
        (status, var stepUp) = await MultiNodeFixture.SendAsync(userOnA, HttpMethod.Post, "/api/auth/step-up", new { code = recoveryCodes[0] });
        Assert.True(status == 204, $"step-up on A → {status}: {stepUp}");
        (status, var ticket) = await MultiNodeFixture.SendAsync(userOnB, HttpMethod.Post, "/api/terminal/tickets", new { hostId });
        Assert.True(status == 200, $"ticket on B after a step-up on A → {status}: {ticket}\n{cluster.Log}");
    }

    private static HttpClient Anonymous(Uri baseUri) => new() { BaseAddress = baseUri, Timeout = TestTimeouts.Default };

    private static async Task<string> PasswordStepAsync(HttpClient http, string name)
    {
        var (status, body) = await MultiNodeFixture.SendAsync(http, HttpMethod.Post, "/api/auth/token", new { username = name, password = AdminApi.UserPassword });
        Assert.True(status == 200 && body.TryGetProperty("mfa_token", out _), $"password step → {status}: {body}");
        return body.GetProperty("mfa_token").GetString()!;
    }

    /// <summary>Enrols TOTP from the account page, on node A; the secret and the recovery codes.</summary>
    private async Task<(string Secret, List<string> RecoveryCodes)> EnrolTotpAsync(string token)
    {
        using var onA = MultiNodeFixture.Direct(A, token);
        var (status, begin) = await MultiNodeFixture.SendAsync(onA, HttpMethod.Post, "/api/account/mfa/totp");
        Assert.True(status == 200, $"begin → {status}: {begin}");
        var secret = begin.GetProperty("secret").GetString()!;
        var (confirmed, codes) = await MultiNodeFixture.SendAsync(onA, HttpMethod.Post, "/api/account/mfa/totp/confirm", new { code = TotpCodes.Compute(secret, DateTimeOffset.UtcNow) });
        Assert.True(confirmed == 200, $"confirm → {confirmed}: {codes}");
        return (secret, [.. codes.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!)]);
    }

    /// <summary>A code one step ahead: inside the ±1 step window, and later than the enrolment's code.</summary>
    private static string NextCode(string secret) => TotpCodes.Compute(secret, DateTimeOffset.UtcNow.AddSeconds(30));

}

using Bastion.Core.Access;
using Bastion.Core.Audit;

namespace Bastion.Tests.Auth;

/// <summary>Issue 11: TOTP enrolment from one's own account, the two-step login, single-use codes and recovery
/// codes, Auth:RequireMfa leading through enrolment, and the admin's reset.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class TotpLoginTests(BastionFixture bastion)
{
    private static readonly string[] s_operator = ["operator"];

    private BastionServer Server => bastion.Server;

    [Fact]
    public async Task Enrol_ThenLoginWithCode_ReusedCodeRefused_RecoveryCodeWorksOnce()
    {
        var (_, name, token) = await bastion.AddUserAsync(s_operator);
        var (secret, recovery) = await MfaApi.EnrolAsync(Server, token);
        Assert.Equal(10, recovery.Count);
        Assert.Equal(10, recovery.Distinct(StringComparer.Ordinal).Count());

        // 1. The password alone no longer gives a token; the code does.
        var code = MfaApi.NextCode(secret);
        var (ok, tokenBody) = await MfaApi.SecondStepAsync(Server, await MfaApi.ChallengeAsync(Server, name), code);
        Assert.True(ok == 200, $"mfa → {ok}: {tokenBody}");
        var access = tokenBody.GetProperty("access_token").GetString()!;
        Assert.Equal(200, (await Server.SendAsync(HttpMethod.Get, "/api/me", access)).Status);

        // 2. The same code, on a new login inside its window, is refused; so is the used mfa_token.
        var second = await MfaApi.ChallengeAsync(Server, name);
        Assert.Equal(401, (await MfaApi.SecondStepAsync(Server, second, code)).Status);

        // 3. A recovery code works once, and not twice.
        var (recovered, recoveredBody) = await MfaApi.SecondStepAsync(Server, second, recovery[3]);
        Assert.True(recovered == 200, $"recovery → {recovered}: {recoveredBody}");
        Assert.Equal(401, (await MfaApi.SecondStepAsync(Server, second, recovery[4])).Status); // the mfa_token is used up
        Assert.Equal(401, (await MfaApi.SecondStepAsync(Server, await MfaApi.ChallengeAsync(Server, name), recovery[3])).Status);

        var (_, status) = await Server.SendAsync(HttpMethod.Get, "/api/account/mfa", access);
        Assert.True(status.GetProperty("totp").GetBoolean());
        Assert.Equal(9, status.GetProperty("recoveryCodesLeft").GetInt32());
        var failed = await AccountLockoutTests.AuditEventsAsync(bastion, AuditEventTypes.MfaFailed);
        Assert.Contains(failed, e => e.GetProperty("actor").GetString() == name);
        Assert.Contains(await AccountLockoutTests.AuditEventsAsync(bastion, AuditEventTypes.RecoveryCodeUsed), e => e.GetProperty("actor").GetString() == name);
    }

    [Fact]
    public async Task AnAdminResetsAUsersMfa_AndThePasswordAloneSignsInAgain()
    {
        var (id, name, token) = await bastion.AddUserAsync(s_operator);
        await MfaApi.EnrolAsync(Server, token);
        await MfaApi.ChallengeAsync(Server, name);

        Assert.Equal(403, (await Server.SendAsync(HttpMethod.Delete, $"/api/users/{id}/mfa", token)).Status);
        Assert.Equal(204, (await Server.SendAsync(HttpMethod.Delete, $"/api/users/{id}/mfa", bastion.AdminToken)).Status);
        var (status, body) = await MfaApi.PasswordAsync(Server, name);
        Assert.Equal(200, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.Contains(await AccountLockoutTests.AuditEventsAsync(bastion, AuditEventTypes.MfaReset), e => e.GetProperty("data").GetProperty("before").GetString()!.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequireMfaAll_LeadsAUserWithoutAFactorThroughEnrolment_AtTheNextLogin()
    {
        // A server of its own: its built-in admin must enrol too, so the fixture's one-step login cannot work there.
        await using var server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Auth:RequireMfa"] = "all" });
        var (login, first) = await MfaApi.PasswordAsync(server, "admin", BastionServer.AdminPassword);
        Assert.Equal(200, login);
        Assert.True(first.GetProperty("enrol_required").GetBoolean());
        var mfaToken = first.GetProperty("mfa_token").GetString()!;

        var (begun, enrolment) = await server.SendAsync(HttpMethod.Post, "/api/auth/mfa/enrol", null, new { mfa_token = mfaToken });
        Assert.True(begun == 200, $"enrol → {begun}: {enrolment}");
        var secret = enrolment.GetProperty("secret").GetString()!;
        Assert.Equal(401, (await MfaApi.SecondStepAsync(server, mfaToken, "000000")).Status);
        var (done, tokenBody) = await MfaApi.SecondStepAsync(server, mfaToken, TotpCodes.Compute(secret, DateTimeOffset.UtcNow));
        Assert.True(done == 200, $"mfa → {done}: {tokenBody}");
        Assert.Equal(10, tokenBody.GetProperty("recovery_codes").GetArrayLength());
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Get, "/api/me", tokenBody.GetProperty("access_token").GetString())).Status);

        // From now on the admin's login asks for the code, not for enrolment.
        var (_, next) = await MfaApi.PasswordAsync(server, "admin", BastionServer.AdminPassword);
        Assert.False(next.GetProperty("enrol_required").GetBoolean());
    }
}

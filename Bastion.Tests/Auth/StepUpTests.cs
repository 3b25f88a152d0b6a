using Bastion.Core.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Auth;

/// <summary>Issue 11: a host flagged requireMfa issues a ticket only within Auth:StepUpWindow of a second factor;
/// the refusal names mfa_step_up_required and a step-up lifts it. The clock is fake so the window can pass.</summary>
public sealed class StepUpTests
{
    private static readonly string[] s_operator = ["operator"];

    [Fact]
    public async Task AFlaggedHost_AsksForAFreshSecondFactor_BeforeATicket_AndAStepUpLiftsIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bastion = await BastionFixture.StartAsync(null, new Dictionary<string, string> { ["Auth:StepUpWindow"] = "00:05:00" },
            configureServices: s => s.AddSingleton<TimeProvider>(time));
        var server = bastion.Server;
        var (userId, _, token) = await bastion.AddUserAsync(s_operator);
        var flagged = await CreateHostAsync(bastion, requireMfa: true);
        var plain = await CreateHostAsync(bastion, requireMfa: false);
        await bastion.GrantAsync(userId, flagged);
        await bastion.GrantAsync(userId, plain);

        // 1. Enrolled (which counts as fresh), then the window passes.
        var (begin, enrolment) = await server.SendAsync(HttpMethod.Post, "/api/account/mfa/totp", token);
        Assert.Equal(200, begin);
        var secret = enrolment.GetProperty("secret").GetString()!;
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Post, "/api/account/mfa/totp/confirm", token, new { code = TotpCodes.Compute(secret, time.GetUtcNow()) })).Status);
        Assert.Equal(200, (await Ticket(server, token, flagged)).Status);
        time.Advance(TimeSpan.FromMinutes(6));

        // 2. The flagged host refuses with the step-up code; the plain one does not care.
        var (refused, problem) = await Ticket(server, token, flagged);
        Assert.Equal(403, refused);
        Assert.Equal("mfa_step_up_required", problem.GetProperty("type").GetString());
        Assert.Equal(200, (await Ticket(server, token, plain)).Status);

        // 3. A wrong code does not lift it; the current code does.
        Assert.Equal(400, (await server.SendAsync(HttpMethod.Post, "/api/auth/step-up", token, new { code = "123456" })).Status);
        Assert.Equal(204, (await server.SendAsync(HttpMethod.Post, "/api/auth/step-up", token, new { code = TotpCodes.Compute(secret, time.GetUtcNow()) })).Status);
        Assert.Equal(200, (await Ticket(server, token, flagged)).Status);
    }

    private static Task<(int Status, System.Text.Json.JsonElement Body)> Ticket(BastionServer server, string token, string hostId) =>
        server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { hostId });

    private static Task<string> CreateHostAsync(BastionFixture bastion, bool requireMfa) =>
        bastion.Server.CreateHostAsync(bastion.AdminToken, new
        {
            name = BastionFixture.Unique("stepup"),
            address = "127.0.0.1",
            port = 22,
            username = "nobody",
            password = "not-used-here",
            requireMfa,
        });
}

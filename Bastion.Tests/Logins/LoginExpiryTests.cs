using System.Net;

namespace Bastion.Tests.Logins;

/// <summary>Idle and absolute ends of a login (issue 11), with short configured values on a deployment of its own.
/// The tests wait for the end with a generous bound; they never assert how long it took.</summary>
public sealed class LoginExpiryTests
{
    /// <summary>Refreshes <paramref name="browser"/> until it is refused; meanwhile <paramref name="keepActive"/> (if
    /// any) refreshes as a user who is typing, each round, so a slow machine cannot let it go idle too.</summary>
    private static async Task WaitUntilRefusedAsync(LoginClient browser, bool active, LoginClient? keepActive = null)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while ((await browser.RefreshAsync(active)).Status == HttpStatusCode.OK)
        {
            if (keepActive is not null)
            {
                Assert.Equal(HttpStatusCode.OK, (await keepActive.RefreshAsync(active: true)).Status);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }

    [Fact]
    public async Task IdleLogin_IsSignedOut_WhileActiveOneLivesOn()
    {
        await using var bastion = await BastionFixture.StartAsync(null, new Dictionary<string, string> { ["Auth:IdleTimeout"] = "00:00:02" });
        using var idle = new LoginClient(bastion.Server);
        using var active = new LoginClient(bastion.Server);
        await idle.LoginAsync();
        await active.LoginAsync();

        // The page's own timer refreshes an untouched tab (active: false): that does not keep the login alive.
        await WaitUntilRefusedAsync(idle, active: false, keepActive: active);

        Assert.Equal(401, await idle.StatusAsync(HttpMethod.Get, "/api/me"));
        var cookieBefore = active.RefreshCookie;
        var final = await active.RefreshAsync(active: true);
        Assert.True(final.Status == HttpStatusCode.OK, $"active refresh: {final.Status}; cookie before {cookieBefore?[..6]}, after {active.RefreshCookie?[..6]}");
        Assert.Equal(200, await active.StatusAsync(HttpMethod.Get, "/api/me"));
    }

    [Fact]
    public async Task LoginPastItsMaximumDuration_EndsEvenWhenActive()
    {
        await using var bastion = await BastionFixture.StartAsync(null, new Dictionary<string, string> { ["Auth:MaxLoginDuration"] = "00:00:03" });
        using var browser = new LoginClient(bastion.Server);
        await browser.LoginAsync();
        var token = browser.AccessToken;

        // Refreshing as an active user every time: only the absolute end can sign this login out.
        using var timeout = TestTimeouts.CreateTokenSource();
        while (await browser.StatusAsync(HttpMethod.Get, "/api/me", token) == 200)
        {
            await browser.RefreshAsync(active: true);
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }

        Assert.Equal(401, await browser.StatusAsync(HttpMethod.Get, "/api/me", token));
        // Refused (401 and the cookie cleared), or, when a refresh in the loop was already refused and cleared it, no
        // login left to refresh (204): either way no new token.
        var (after, renewed, _) = await browser.RefreshAsync(active: true);
        Assert.Contains(after, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.NoContent });
        Assert.Null(renewed);
        Assert.Equal(200, await new LoginClient(bastion.Server).StatusAsync(HttpMethod.Get, "/api/me", await bastion.Server.LoginAsync()));
    }
}

using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Tests.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bastion.Tests.Browser;

/// <summary>Issue 11 in a real Chromium: passkey registration and a passkey login through the DevTools virtual
/// authenticator (the browser does the real WebAuthn ceremony), and the step-up prompt of a host flagged
/// requireMfa.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class SecondFactorBrowserTests(BastionFixture bastion) : IAsyncLifetime
{
    private static readonly string[] s_operator = ["operator"];
    private BrowserSession _browser = null!;

    public async Task InitializeAsync() => _browser = await BrowserSession.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task APasskey_IsRegisteredOnTheAccountPage_AndSignsInAsTheSecondFactor()
    {
        var (_, name, _) = await bastion.AddUserAsync(s_operator);
        var page = _browser.Page;
        // WebAuthn wants a secure context and a domain as its RP ID: http://localhost is both (an IP address is not).
        var baseUri = new Uri($"http://localhost:{bastion.Server.BaseUri.Port}");
        var cdp = await _browser.Context.NewCDPSessionAsync(page).WithTimeout();
        await cdp.SendAsync("WebAuthn.enable").WithTimeout();
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        }).WithTimeout();

        // 1. Register, name it, and see it listed.
        await _browser.LoginAsync(baseUri, name, AdminApi.UserPassword);
        await page.GotoAsync(new Uri(baseUri, "/#/account").ToString()).WithTimeout();
        await page.FillAsync("#passkey-name", "laptop key").WithTimeout();
        await page.ClickAsync("#passkey-add").WithTimeout();
        await page.WaitForSelectorAsync(".passkey-row:has-text('laptop key')").WithTimeout();

        // 2. Sign out; the password now leads to the second step, and the passkey completes it.
        await page.ClickAsync("#logout").WithTimeout();
        await page.WaitForURLAsync("**/#/login").WithTimeout();
        await page.FillAsync("#login-username", name).WithTimeout();
        await page.FillAsync("#login-password", AdminApi.UserPassword).WithTimeout();
        await page.ClickAsync("#login-submit").WithTimeout();
        await page.ClickAsync("#login-passkey").WithTimeout();
        await page.WaitForURLAsync("**/#/hosts").WithTimeout();

        var logins = await AccountLockoutTests.AuditEventsAsync(bastion, AuditEventTypes.LoginSucceeded);
        Assert.Contains(logins, e => e.GetProperty("actor").GetString() == name && e.GetProperty("data").GetProperty("method").GetString() == "passkey");
        Assert.Contains(await AccountLockoutTests.AuditEventsAsync(bastion, AuditEventTypes.PasskeyAdded), e => e.GetProperty("actor").GetString() == name);
    }

    [Fact]
    public async Task AFlaggedHost_PromptsForAFreshCode_ThenConnects()
    {
        var (userId, name, token) = await bastion.AddUserAsync(s_operator);
        var body = bastion.Host(BastionFixture.Unique("stepup-web")).ToBody();
        body["requireMfa"] = true;
        var hostId = await bastion.Server.CreateHostAsync(bastion.AdminToken, (object)body);
        await bastion.GrantAsync(userId, hostId);
        var (secret, recovery) = await MfaApi.EnrolAsync(bastion.Server, token);

        var page = _browser.Page;
        await page.GotoAsync(new Uri(bastion.Server.BaseUri, "/#/login").ToString()).WithTimeout();
        await page.FillAsync("#login-username", name).WithTimeout();
        await page.FillAsync("#login-password", AdminApi.UserPassword).WithTimeout();
        await page.ClickAsync("#login-submit").WithTimeout();
        // A recovery code at login leaves the next TOTP step for the prompt (a step is good once, ±1 step of drift).
        await page.FillAsync("#login-code", recovery[0]).WithTimeout();
        await page.ClickAsync("#login-code-submit").WithTimeout();
        await page.WaitForURLAsync("**/#/hosts").WithTimeout();

        // The login's factor would count as fresh; forgetting it stands for the window having passed.
        await bastion.Server.Services.GetRequiredService<StepUpClock>().ForgetAsync(Guid.Parse(userId));
        await page.GotoAsync(new Uri(bastion.Server.BaseUri, $"/#/terminal/{hostId}").ToString()).WithTimeout();
        await page.WaitForSelectorAsync("#stepup-dialog[open]").WithTimeout();
        await page.FillAsync("#stepup-code", MfaApi.NextCode(secret)).WithTimeout();
        await page.ClickAsync("#stepup-submit").WithTimeout();
        await page.WaitForSelectorAsync("#terminal-status[data-state='connected']").WithTimeout();
        Assert.Equal(0, await page.Locator("#stepup-dialog").CountAsync().WithTimeout());
    }
}

using System.Net;
using System.Net.Http.Json;
using Bastion.Core.Access;
using Bastion.Core.Validation;
using Bastion.Web.Auth;

namespace Bastion.Tests.Auth;

/// <summary>Single sign-on as the API sees it, without a provider running (its metadata is read only at the first
/// start): what the sign-in page is told, that password sign-in can be kept for admins, and that an exchange without
/// a hand-off is refused.</summary>
public sealed class SsoSettingsTests : IAsyncLifetime
{
    private BastionServer _server = null!;

    public async Task InitializeAsync()
    {
        var settings = OidcProviderProcess.BastionSettings(new Uri("http://127.0.0.1:9"));
        settings["Auth:LocalLogin"] = "Admins";
        _server = await BastionServer.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TheSignInPage_IsToldTheButtonText_AndThatPasswordsAreForAdmins()
    {
        var (status, info) = await _server.SendAsync(HttpMethod.Get, "/api/auth/sso", null);

        Assert.Equal(200, status);
        Assert.True(info.GetProperty("enabled").GetBoolean());
        Assert.Equal("Test IdP", info.GetProperty("displayName").GetString());
        Assert.Equal("admins", info.GetProperty("localLogin").GetString());
    }

    [Fact]
    public async Task WithLocalLoginForAdmins_AnOperatorsRightPasswordIsRefused_AndTheAdminsWorks()
    {
        var admin = await _server.LoginAsync();
        var name = BastionFixture.Unique("op");
        var (created, _) = await _server.SendAsync(HttpMethod.Post, "/api/users", admin,
            new { username = name, password = AdminApi.UserPassword, roles = new[] { Roles.Operator } });
        Assert.Equal(201, created);

        using var response = await _server.Http.PostAsJsonAsync("/api/auth/token", new { username = name, password = AdminApi.UserPassword }).WithTimeout();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(ReplyMessages.LocalLoginRefused.Text, await response.Content.ReadAsStringAsync().WithTimeout(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExchangeWithoutAHandOff_IsRefused()
    {
        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/auth/sso/exchange", null);

        Assert.Equal(400, status);
        Assert.Equal(ReplyMessages.SsoNothingPending.Text, body.GetProperty("error").GetString());
    }
}

using Bastion.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Access;

/// <summary>Grant semantics through the API: time windows on a fake clock, label selectors, host and user groups.</summary>
public sealed class GrantTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private BastionServer _server = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await BastionServer.StartAsync(configureServices: s => s.AddSingleton<TimeProvider>(_time));
        _admin = await _server.LoginAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<string> HostAsync(string name, object? labels = null, string[]? groups = null) =>
        _server.CreateHostAsync(_admin, new { name, address = "10.1.0.1", username = "u", password = "p", labels, groups });

    [Fact]
    public async Task GrantWindow_InTheFuture_OpensWhenItStarts()
    {
        var hostId = await HostAsync("later");
        var (userId, token) = await _server.CreateUserAsync(_admin, "early", ["operator"]);
        await _server.GrantAsync(_admin, new { userId, hostId, notBefore = _time.GetUtcNow().AddMinutes(10) });

        Assert.Empty(await _server.HostNamesAsync(token));
        var (before, _) = await _server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { hostId });
        Assert.Equal(404, before);

        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(["later"], await _server.HostNamesAsync(token));
        var (after, _) = await _server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { hostId });
        Assert.Equal(200, after);
    }

    [Fact]
    public async Task GrantWindow_InThePast_NoLongerOpens()
    {
        var hostId = await HostAsync("expiring");
        var (userId, token) = await _server.CreateUserAsync(_admin, "late", ["operator"]);
        await _server.GrantAsync(_admin, new { userId, hostId, notAfter = _time.GetUtcNow().AddMinutes(10) });
        Assert.Equal(["expiring"], await _server.HostNamesAsync(token));

        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Empty(await _server.HostNamesAsync(token));
        var (status, _) = await _server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { hostId });
        Assert.Equal(404, status);
    }

    [Theory]
    [InlineData("env=prod", new[] { "db-prod", "web-prod" })]
    [InlineData("env=prod,team=db", new[] { "db-prod" })]
    [InlineData("team=db", new[] { "db-dev", "db-prod" })]
    [InlineData("env=staging", new string[0])]
    public async Task LabelSelector_GrantsEveryHostWithAllItsLabels(string selector, string[] expected)
    {
        await HostAsync("db-prod", new Dictionary<string, string> { ["env"] = "prod", ["team"] = "db" });
        await HostAsync("web-prod", new Dictionary<string, string> { ["env"] = "prod", ["team"] = "web" });
        await HostAsync("db-dev", new Dictionary<string, string> { ["env"] = "dev", ["team"] = "db" });
        var (userId, token) = await _server.CreateUserAsync(_admin, "labeled", ["operator"]);

        await _server.GrantAsync(_admin, new { userId, labelSelector = selector });

        Assert.Equal(expected, await _server.HostNamesAsync(token));
    }

    [Fact]
    public async Task UserGroupToHostGroup_GrantsMembersOnly()
    {
        await HostAsync("pg-1", groups: ["databases"]);
        await HostAsync("pg-2", groups: ["databases", "eu"]);
        await HostAsync("web-1", groups: ["web"]);
        var (_, member) = await _server.CreateUserAsync(_admin, "dba-1", ["operator"], ["dba"]);
        var (_, outsider) = await _server.CreateUserAsync(_admin, "dev-1", ["operator"], ["dev"]);

        await _server.GrantAsync(_admin, new { userGroup = "dba", hostGroup = "databases" });

        Assert.Equal(["pg-1", "pg-2"], await _server.HostNamesAsync(member));
        Assert.Empty(await _server.HostNamesAsync(outsider));
    }

    [Fact]
    public async Task RevokedGrant_NoLongerListsTheHost()
    {
        var hostId = await HostAsync("revocable");
        var (userId, token) = await _server.CreateUserAsync(_admin, "revoked", ["operator"]);
        var grantId = await _server.GrantAsync(_admin, new { userId, hostId });
        Assert.Equal(["revocable"], await _server.HostNamesAsync(token));

        var (status, _) = await _server.SendAsync(HttpMethod.Delete, $"/api/grants/{grantId}", _admin);

        Assert.Equal(204, status);
        Assert.Empty(await _server.HostNamesAsync(token));
    }

    [Fact]
    public async Task DisabledUser_CannotLogIn_AndTheirTokenStopsWorking()
    {
        var (userId, token) = await _server.CreateUserAsync(_admin, "leaver", ["operator"]);

        var (status, _) = await _server.SendAsync(HttpMethod.Put, $"/api/users/{userId}", _admin, new { disabled = true });

        Assert.Equal(200, status);
        var (me, _) = await _server.SendAsync(HttpMethod.Get, "/api/me", token);
        Assert.Equal(401, me);
        var (login, _) = await _server.SendAsync(HttpMethod.Post, "/api/auth/token", null, new { username = "leaver", password = AdminApi.UserPassword });
        Assert.Equal(401, login);
    }

    [Fact]
    public async Task RolesComeFromTheDatabase_NotTheToken_SoADemotedAdminLosesAccessAtOnce()
    {
        var (userId, token) = await _server.CreateUserAsync(_admin, "second-admin", ["admin"]);
        var (before, _) = await _server.SendAsync(HttpMethod.Get, "/api/users", token);

        await _server.SendAsync(HttpMethod.Put, $"/api/users/{userId}", _admin, new { roles = new[] { "operator" } });
        var (after, _) = await _server.SendAsync(HttpMethod.Get, "/api/users", token);
        await _server.SendAsync(HttpMethod.Put, $"/api/users/{userId}", _admin, new { disabled = true });
        var (disabled, _) = await _server.SendAsync(HttpMethod.Get, "/api/users", token);

        Assert.Equal(200, before);
        Assert.Equal(403, after);
        Assert.Equal(401, disabled);
    }

    [Fact]
    public async Task Grant_WithTwoTargets_IsAFieldError()
    {
        var hostId = await HostAsync("ambiguous");
        var (userId, _) = await _server.CreateUserAsync(_admin, "ambiguous", ["operator"]);

        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/grants", _admin, new { userId, hostId, hostGroup = "x" });

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("hostId", out _));
    }
}

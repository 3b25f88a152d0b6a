using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Access;

/// <summary>Grant semantics through the API: time windows on a fake clock, label selectors, host and user groups.</summary>
public sealed class GrantTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private BastionFixture _bastion = null!;

    private BastionServer Server => _bastion.Server;

    private string Admin => _bastion.AdminToken;

    public async Task InitializeAsync() =>
        _bastion = await BastionFixture.StartAsync(sshd: null, configureServices: s => s.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _bastion.DisposeAsync();

    private Task<string> HostAsync(string name, IReadOnlyDictionary<string, string>? labels = null, string[]? groups = null) =>
        _bastion.AddHostAsync(HostSpec.At("10.1.0.1", name) with { Labels = labels, Groups = groups });

    [Fact]
    public async Task GrantWindow_InTheFuture_OpensWhenItStarts()
    {
        var hostId = await HostAsync("later");
        var (userId, token) = await Server.CreateUserAsync(Admin, "early", ["operator"]);
        await Server.GrantAsync(Admin, new { userId, hostId, notBefore = _time.GetUtcNow().AddMinutes(10) });

        Assert.Empty(await Server.HostNamesAsync(token));
        var (before, _) = await Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { hostId });
        Assert.Equal(404, before);

        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(["later"], await Server.HostNamesAsync(token));
        var (after, _) = await Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { hostId });
        Assert.Equal(200, after);
    }

    [Fact]
    public async Task GrantWindow_InThePast_NoLongerOpens()
    {
        var hostId = await HostAsync("expiring");
        var (userId, token) = await Server.CreateUserAsync(Admin, "late", ["operator"]);
        await Server.GrantAsync(Admin, new { userId, hostId, notAfter = _time.GetUtcNow().AddMinutes(10) });
        Assert.Equal(["expiring"], await Server.HostNamesAsync(token));

        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Empty(await Server.HostNamesAsync(token));
        var (status, _) = await Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", token, new { hostId });
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
        var (userId, token) = await Server.CreateUserAsync(Admin, "labeled", ["operator"]);

        await Server.GrantAsync(Admin, new { userId, labelSelector = selector });

        Assert.Equal(expected, await Server.HostNamesAsync(token));
    }

    [Theory]
    [InlineData("env=prod\nteam=db")]
    [InlineData("env=pr od")]
    [InlineData("e%v=prod")]
    public async Task LabelSelector_WithWhatNoLabelCanHold_IsRefused(string selector)
    {
        // A line break in a value matched two adjacent labels in the listing's query and none in Grant.Covers: the
        // host list showed hosts the user could not open.
        var (userId, _) = await Server.CreateUserAsync(Admin, "odd-selector", ["operator"]);

        var (status, body) = await Server.SendAsync(HttpMethod.Post, "/api/grants", Admin, new { userId, labelSelector = selector });

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("labelSelector", out _), body.ToString());
    }

    [Fact]
    public async Task UserGroupToHostGroup_GrantsMembersOnly()
    {
        await HostAsync("pg-1", groups: ["databases"]);
        await HostAsync("pg-2", groups: ["databases", "eu"]);
        await HostAsync("web-1", groups: ["web"]);
        var (_, member) = await Server.CreateUserAsync(Admin, "dba-1", ["operator"], ["dba"]);
        var (_, outsider) = await Server.CreateUserAsync(Admin, "dev-1", ["operator"], ["dev"]);

        await Server.GrantAsync(Admin, new { userGroup = "dba", hostGroup = "databases" });

        Assert.Equal(["pg-1", "pg-2"], await Server.HostNamesAsync(member));
        Assert.Empty(await Server.HostNamesAsync(outsider));
    }

    [Fact]
    public async Task RevokedGrant_NoLongerListsTheHost()
    {
        var hostId = await HostAsync("revocable");
        var (userId, token) = await Server.CreateUserAsync(Admin, "revoked", ["operator"]);
        var grantId = await Server.GrantAsync(Admin, new { userId, hostId });
        Assert.Equal(["revocable"], await Server.HostNamesAsync(token));

        var (status, _) = await Server.SendAsync(HttpMethod.Delete, $"/api/grants/{grantId}", Admin);

        Assert.Equal(204, status);
        Assert.Empty(await Server.HostNamesAsync(token));
    }

    [Fact]
    public async Task DisabledUser_CannotLogIn_AndTheirTokenStopsWorking()
    {
        var (userId, token) = await Server.CreateUserAsync(Admin, "leaver", ["operator"]);

        var (status, _) = await Server.SendAsync(HttpMethod.Put, $"/api/users/{userId}", Admin, new { disabled = true });

        Assert.Equal(200, status);
        var (me, _) = await Server.SendAsync(HttpMethod.Get, "/api/me", token);
        Assert.Equal(401, me);
        var (login, _) = await Server.SendAsync(HttpMethod.Post, "/api/auth/token", null, new { username = "leaver", password = AdminApi.UserPassword });
        Assert.Equal(401, login);
    }

    [Fact]
    public async Task RolesComeFromTheDatabase_NotTheToken_SoADemotedAdminLosesAccessAtOnce()
    {
        var (userId, token) = await Server.CreateUserAsync(Admin, "second-admin", ["admin"]);
        var (before, _) = await Server.SendAsync(HttpMethod.Get, "/api/users", token);

        await Server.SendAsync(HttpMethod.Put, $"/api/users/{userId}", Admin, new { roles = new[] { "operator" } });
        var (after, _) = await Server.SendAsync(HttpMethod.Get, "/api/users", token);
        await Server.SendAsync(HttpMethod.Put, $"/api/users/{userId}", Admin, new { disabled = true });
        var (disabled, _) = await Server.SendAsync(HttpMethod.Get, "/api/users", token);

        Assert.Equal(200, before);
        Assert.Equal(403, after);
        Assert.Equal(401, disabled);
    }

    [Fact]
    public async Task Grant_WithTwoTargets_IsAFieldError()
    {
        var hostId = await HostAsync("ambiguous");
        var (userId, _) = await Server.CreateUserAsync(Admin, "ambiguous", ["operator"]);

        var (status, body) = await Server.SendAsync(HttpMethod.Post, "/api/grants", Admin, new { userId, hostId, hostGroup = "x" });

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("hostId", out _));
    }
}

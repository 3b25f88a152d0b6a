using Bastion.Core.Access;
using Bastion.Web.Auth;
using Microsoft.AspNetCore.Http;

namespace Bastion.Tests.Unit;

/// <summary>The pure rules of issue 11: when a login is over, and what each API token scope allows.</summary>
public sealed class LoginRulesTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly LoginPolicy s_policy = new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(12));

    private static Login Login(DateTimeOffset lastSeen, DateTimeOffset? ended = null) => new()
    {
        Method = "password",
        CreatedAt = s_start,
        LastSeenAt = lastSeen,
        ExpiresAt = s_start + s_policy.MaxDuration,
        EndedAt = ended,
        EndReason = ended is null ? null : LoginEndReasons.Logout,
    };

    [Fact]
    public void Login_IsLive_UntilIdleOrAbsoluteEnd_AndAnEndedOneStaysEnded()
    {
        Assert.Null(s_policy.EndOf(Login(s_start), s_start.AddMinutes(29)));
        Assert.Equal(LoginEndReasons.Idle, s_policy.EndOf(Login(s_start), s_start.AddMinutes(30)));
        Assert.Null(s_policy.EndOf(Login(s_start.AddHours(11.9)), s_start.AddHours(11.95)));
        Assert.Equal(LoginEndReasons.Expired, s_policy.EndOf(Login(s_start.AddHours(11.99)), s_start.AddHours(12)));
        Assert.Equal(LoginEndReasons.Logout, s_policy.EndOf(Login(s_start, ended: s_start.AddMinutes(1)), s_start.AddMinutes(2)));
    }

    [Fact]
    public void TouchInterval_IsATwentiethOfTheIdleTimeout_AtMostAMinute()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), s_policy.TouchInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), new LoginPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromHours(1)).TouchInterval);
    }

    [Theory]
    [InlineData("GET", "/api/hosts", "read")]
    [InlineData("HEAD", "/api/audit/events", "read")]
    [InlineData("POST", "/api/hosts", "admin")]
    [InlineData("PUT", "/api/hosts/1", "admin")]
    [InlineData("DELETE", "/api/grants/1", "admin")]
    [InlineData("POST", "/api/sessions/abc/kill", "admin")]
    [InlineData("POST", "/api/terminal/tickets", "terminal")]
    [InlineData("GET", "/ws/terminal/abc", "terminal")]
    [InlineData("GET", "/ws/sessions/abc", "terminal")]
    [InlineData("DELETE", "/api/sessions/abc", "terminal")]
    [InlineData("POST", "/api/sessions/abc/invitations", "terminal")]
    [InlineData("GET", "/api/account/tokens", null)]
    [InlineData("POST", "/api/auth/logout", null)]
    [InlineData("GET", "/api/me/settings", "read")]
    [InlineData("PUT", "/api/me/settings", null)]
    [InlineData("PUT", "/api/me/favourites/abc", null)]
    [InlineData("DELETE", "/api/me/favourites/abc", null)]
    [InlineData("GET", "/api/me/favourites", "read")]
    public void EachRequest_NeedsOneScope(string method, string path, string? scope) =>
        Assert.Equal(scope, ApiTokenScopePolicy.Needed(method, new PathString(path)));

    [Fact]
    public void AnyScope_Reads_ButOnlyItsOwnScopeWrites()
    {
        Assert.True(ApiTokenScopePolicy.Allows(["terminal"], "GET", "/api/hosts"));
        Assert.False(ApiTokenScopePolicy.Allows(["read"], "POST", "/api/terminal/tickets"));
        Assert.False(ApiTokenScopePolicy.Allows(["admin"], "GET", "/ws/terminal/abc"));
        Assert.False(ApiTokenScopePolicy.Allows(["read", "terminal", "admin"], "GET", "/api/account/logins"));
        Assert.False(ApiTokenScopePolicy.Allows([], "GET", "/api/hosts"));
    }
}

using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Tests.Web;

/// <summary>Who may open a terminal: every refusal happens before the upgrade, and none of them reaches the host.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class TerminalAccessTests(BastionFixture bastion) : IAsyncLifetime
{
    private string _hostId = null!;

    public async Task InitializeAsync() => _hostId = await bastion.AddHostAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> UpgradeStatusAsync(string pathAndQuery, params (string Name, string? Value)[] headers)
    {
        await using var raw = await RawWebSocket.ConnectAsync(
            bastion.Server.WebSocketUri(pathAndQuery), headers.Select(h => KeyValuePair.Create(h.Name, h.Value))).WithTimeout();
        return raw.StatusCode;
    }

    // From the server itself: the key is a file in the data directory on SQLite, a database row on PostgreSQL.
    private byte[] ServerSigningKey() => bastion.Server.Services.GetRequiredService<SymmetricSecurityKey>().Key;

    private static string MakeToken(byte[] key, DateTime expires, string sub, string algorithm = SecurityAlgorithms.HmacSha256) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "bastion",
            Audience = "bastion",
            Subject = new ClaimsIdentity([new Claim("sub", sub), new Claim("role", "admin")]),
            NotBefore = expires.AddHours(-2),
            IssuedAt = expires.AddHours(-2),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), algorithm),
        });

    private string AdminId() => new JsonWebTokenHandler().ReadJsonWebToken(bastion.AdminToken).Subject;

    public static TheoryData<string> BadTokens => new() { "none", "expired", "forged", "alg-none", "garbage" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadBearerToken_Is401_OnTheApiAndTheUpgrade_AndSshIsNeverContacted(string kind)
    {
        var sub = AdminId();
        var token = kind switch
        {
            "none" => null,
            "expired" => MakeToken(ServerSigningKey(), DateTime.UtcNow.AddMinutes(-5), sub),
            "forged" => MakeToken(Encoding.UTF8.GetBytes("an attacker's key, long enough for HS256!!"), DateTime.UtcNow.AddHours(1), sub),
            "alg-none" => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
                new JwtHeader(), new JwtPayload("bastion", "bastion", [new Claim("sub", sub), new Claim("role", "admin")], null, DateTime.UtcNow.AddHours(1)))),
            _ => "not.a.jwt",
        };
        var mark = await bastion.QuietSshdLogMarkAsync();

        var (apiStatus, _) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/hosts", token);
        var wsStatus = await UpgradeStatusAsync($"/ws/terminal/{_hostId}", token is null ? [] : [("Authorization", "Bearer " + token)]);

        Assert.Equal(401, apiStatus);
        Assert.Equal(401, wsStatus);
        Assert.Equal(mark, bastion.Sshd.LogLength);
    }

    [Fact]
    public async Task ValidBearerToken_OnTheUpgrade_OpensATerminal()
    {
        var status = await UpgradeStatusAsync($"/ws/terminal/{_hostId}", ("Authorization", "Bearer " + bastion.AdminToken));
        Assert.Equal(101, status);
    }

    [Fact]
    public async Task TokenInTheUrl_IsRefused()
    {
        var status = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?access_token={bastion.AdminToken}");
        Assert.Equal(401, status);
    }

    [Fact]
    public async Task ForeignOrigin_Is403_EvenWithAValidTicket()
    {
        var ticket = await bastion.Server.IssueTicketAsync(bastion.AdminToken, _hostId);
        var status = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?ticket={ticket}", ("Origin", "https://evil.example"));
        Assert.Equal(403, status);
    }

    [Fact]
    public async Task OwnOrigin_IsAllowed()
    {
        var ticket = await bastion.Server.IssueTicketAsync(bastion.AdminToken, _hostId);
        var status = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?ticket={ticket}", ("Origin", $"http://{bastion.Server.BaseUri.Authority}"));
        Assert.Equal(101, status);
    }

    [Fact]
    public async Task ConfiguredOrigin_IsAllowed()
    {
        await using var own = await BastionFixture.StartAsync(bastion.Sshd, new Dictionary<string, string> { ["Bastion:AllowedOrigins:0"] = "https://bastion.example.com" });
        var hostId = await own.AddHostAsync();
        var ticket = await own.Server.IssueTicketAsync(own.AdminToken, hostId);

        await using var raw = await RawWebSocket.ConnectAsync(
            own.Server.WebSocketUri($"/ws/terminal/{hostId}?ticket={ticket}"), [KeyValuePair.Create("Origin", (string?)"https://bastion.example.com")]).WithTimeout();

        Assert.Equal(101, raw.StatusCode);
    }

    [Fact]
    public async Task Ticket_CanBeUsedOnce()
    {
        var ticket = await bastion.Server.IssueTicketAsync(bastion.AdminToken, _hostId);

        var first = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?ticket={ticket}");
        var second = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?ticket={ticket}");

        Assert.Equal(101, first);
        Assert.Equal(401, second);
    }

    [Fact]
    public async Task Ticket_ForAnotherHost_IsRefused()
    {
        var otherHost = await bastion.AddHostAsync();
        var ticket = await bastion.Server.IssueTicketAsync(bastion.AdminToken, otherHost);

        var status = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?ticket={ticket}");

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task UnknownHost_AndNotGrantedHost_LookTheSame()
    {
        var oper = BastionFixture.Unique("oper");
        await TestUsers.AddAsync(bastion.Server, oper, "oper-password-1", "operator");
        var operatorToken = await bastion.Server.LoginAsync(oper, "oper-password-1");
        var unknown = Guid.NewGuid().ToString();

        var (listStatus, list) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/hosts", operatorToken);
        var (notGrantedStatus, notGrantedBody) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", operatorToken, new { hostId = _hostId });
        var (unknownStatus, unknownBody) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", operatorToken, new { hostId = unknown });
        var wsNotGranted = await UpgradeStatusAsync($"/ws/terminal/{_hostId}", ("Authorization", "Bearer " + operatorToken));
        var wsUnknown = await UpgradeStatusAsync($"/ws/terminal/{unknown}", ("Authorization", "Bearer " + operatorToken));

        Assert.Equal(200, listStatus);
        Assert.Equal(0, list.GetArrayLength());
        Assert.Equal(404, notGrantedStatus);
        Assert.Equal(notGrantedStatus, unknownStatus);
        Assert.Equal(notGrantedBody.ToString(), unknownBody.ToString());
        Assert.Equal(404, wsNotGranted);
        Assert.Equal(wsNotGranted, wsUnknown);
    }

    [Fact]
    public async Task OperatorCannotAddHosts()
    {
        var oper2 = BastionFixture.Unique("oper2");
        await TestUsers.AddAsync(bastion.Server, oper2, "oper-password-2", "operator");
        var operatorToken = await bastion.Server.LoginAsync(oper2, "oper-password-2");

        var (status, _) = await bastion.Server.PostHostAsync(operatorToken, HostSpec.At("127.0.0.1", "x"));

        Assert.Equal(403, status);
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("nobody", "whatever")]
    public async Task Login_WithBadCredentials_Is401_WithOneGenericMessage(string user, string password)
    {
        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/auth/token", null, new { username = user, password });

        Assert.Equal(401, status);
        Assert.Equal("invalid username or password", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Login_ReturnsABearerTokenWithExpiry()
    {
        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/auth/token", null, new { username = "admin", password = BastionServer.AdminPassword });

        Assert.Equal(200, status);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(3, body.GetProperty("access_token").GetString()!.Split('.').Length);
    }

    [Fact]
    public async Task CreatingAHost_NeverEchoesItsSecrets()
    {
        const string canary = "canary-secret-7f3a9c";
        var (status, body) = await bastion.Server.PostHostAsync(bastion.AdminToken, HostSpec.At("127.0.0.1", BastionFixture.Unique("canary-host"), password: canary) with
        {
            Port = 22,
            HostKeyFingerprint = bastion.Sshd.HostKeyFingerprint,
        });
        var (_, list) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/hosts", bastion.AdminToken);

        Assert.Equal(201, status);
        Assert.DoesNotContain(canary, body.ToString());
        Assert.DoesNotContain(canary, list.ToString());
        // On the PostgreSQL run of the suite there is no file; CanarySecretTests covers the SQLite file on every run.
        var file = Path.Combine(bastion.Server.DataDir, "bastion.db");
        var database = File.Exists(file) ? await File.ReadAllBytesAsync(file).WithTimeout() : [];
        var wal = Path.Combine(bastion.Server.DataDir, "bastion.db-wal");
        var walBytes = File.Exists(wal) ? await File.ReadAllBytesAsync(wal).WithTimeout() : [];
        Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)));
        Assert.Equal(-1, walBytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)));
    }

    [Fact]
    public async Task CreatingAHost_WithBadFields_ReturnsFieldErrors()
    {
        var (status, body) = await bastion.Server.PostHostAsync(bastion.AdminToken, new HostSpec
        {
            Name = "",
            Address = "has space",
            Port = 70000,
            Username = "",
            PrivateKey = "-----BEGIN NONSENSE-----",
            HostKeyFingerprint = "MD5:aa:bb",
        });

        Assert.Equal(400, status);
        var errors = body.GetProperty("errors");
        foreach (var field in new[] { "name", "address", "port", "username", "privateKey", "hostKeyFingerprint" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }
}

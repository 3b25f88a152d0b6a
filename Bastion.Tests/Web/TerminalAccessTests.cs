using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Bastion.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Tests.Web;

/// <summary>Who may open a terminal: every refusal happens before the upgrade, and none of them reaches the host.</summary>
[Collection(SshdCollectionDefinition.Name)]
public sealed class TerminalAccessTests(SshdFixture sshd) : IAsyncLifetime
{
    private BastionServer _server = null!;
    private string _token = null!;
    private string _hostId = null!;

    public async Task InitializeAsync()
    {
        _server = await BastionServer.StartAsync();
        _token = await _server.LoginAsync();
        _hostId = await _server.AddHostAsync(_token, sshd.Server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<int> UpgradeStatusAsync(string pathAndQuery, params (string Name, string? Value)[] headers)
    {
        await using var raw = await RawWebSocket.ConnectAsync(
            _server.WebSocketUri(pathAndQuery), headers.Select(h => KeyValuePair.Create(h.Name, h.Value))).WithTimeout();
        return raw.StatusCode;
    }

    private byte[] ServerSigningKey() =>
        Convert.FromBase64String(File.ReadAllText(Path.Combine(_server.DataDir, "jwt-signing.key")).Trim());

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

    private string AdminId() => new JsonWebTokenHandler().ReadJsonWebToken(_token).Subject;

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
        var mark = sshd.Server.LogLength;

        var (apiStatus, _) = await _server.SendAsync(HttpMethod.Get, "/api/hosts", token);
        var wsStatus = await UpgradeStatusAsync($"/ws/terminal/{_hostId}", token is null ? [] : [("Authorization", "Bearer " + token)]);

        Assert.Equal(401, apiStatus);
        Assert.Equal(401, wsStatus);
        Assert.Equal(mark, sshd.Server.LogLength);
    }

    [Fact]
    public async Task ValidBearerToken_OnTheUpgrade_OpensATerminal()
    {
        var status = await UpgradeStatusAsync($"/ws/terminal/{_hostId}", ("Authorization", "Bearer " + _token));
        Assert.Equal(101, status);
    }

    [Fact]
    public async Task TokenInTheUrl_IsRefused()
    {
        var status = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?access_token={_token}");
        Assert.Equal(401, status);
    }

    [Fact]
    public async Task ForeignOrigin_Is403_EvenWithAValidTicket()
    {
        var ticket = await _server.IssueTicketAsync(_token, _hostId);
        var status = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?ticket={ticket}", ("Origin", "https://evil.example"));
        Assert.Equal(403, status);
    }

    [Fact]
    public async Task OwnOrigin_IsAllowed()
    {
        var ticket = await _server.IssueTicketAsync(_token, _hostId);
        var status = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?ticket={ticket}", ("Origin", $"http://{_server.BaseUri.Authority}"));
        Assert.Equal(101, status);
    }

    [Fact]
    public async Task ConfiguredOrigin_IsAllowed()
    {
        await using var server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Bastion:AllowedOrigins:0"] = "https://bastion.example.com" });
        var token = await server.LoginAsync();
        var hostId = await server.AddHostAsync(token, sshd.Server);
        var ticket = await server.IssueTicketAsync(token, hostId);

        await using var raw = await RawWebSocket.ConnectAsync(
            server.WebSocketUri($"/ws/terminal/{hostId}?ticket={ticket}"), [KeyValuePair.Create("Origin", (string?)"https://bastion.example.com")]).WithTimeout();

        Assert.Equal(101, raw.StatusCode);
    }

    [Fact]
    public async Task Ticket_CanBeUsedOnce()
    {
        var ticket = await _server.IssueTicketAsync(_token, _hostId);

        var first = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?ticket={ticket}");
        var second = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?ticket={ticket}");

        Assert.Equal(101, first);
        Assert.Equal(401, second);
    }

    [Fact]
    public async Task Ticket_ForAnotherHost_IsRefused()
    {
        var otherHost = await _server.AddHostAsync(_token, sshd.Server);
        var ticket = await _server.IssueTicketAsync(_token, otherHost);

        var status = await UpgradeStatusAsync($"/ws/terminal/{_hostId}?ticket={ticket}");

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task UnknownHost_AndNotGrantedHost_LookTheSame()
    {
        await TestUsers.AddAsync(_server, "oper", "oper-password-1", "operator");
        var operatorToken = await _server.LoginAsync("oper", "oper-password-1");
        var unknown = Guid.NewGuid().ToString();

        var (listStatus, list) = await _server.SendAsync(HttpMethod.Get, "/api/hosts", operatorToken);
        var (notGrantedStatus, notGrantedBody) = await _server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", operatorToken, new { hostId = _hostId });
        var (unknownStatus, unknownBody) = await _server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", operatorToken, new { hostId = unknown });
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
        await TestUsers.AddAsync(_server, "oper2", "oper-password-2", "operator");
        var operatorToken = await _server.LoginAsync("oper2", "oper-password-2");

        var (status, _) = await _server.SendAsync(HttpMethod.Post, "/api/hosts", operatorToken, new { name = "x", address = "127.0.0.1", username = "u", password = "p" });

        Assert.Equal(403, status);
    }

    [Theory]
    [InlineData("admin", "wrong-password")]
    [InlineData("nobody", "whatever")]
    public async Task Login_WithBadCredentials_Is401_WithOneGenericMessage(string user, string password)
    {
        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/auth/token", null, new { username = user, password });

        Assert.Equal(401, status);
        Assert.Equal("invalid username or password", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Login_ReturnsABearerTokenWithExpiry()
    {
        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/auth/token", null, new { username = "admin", password = BastionServer.AdminPassword });

        Assert.Equal(200, status);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(3, body.GetProperty("access_token").GetString()!.Split('.').Length);
    }

    [Fact]
    public async Task CreatingAHost_NeverEchoesItsSecrets()
    {
        const string canary = "canary-secret-7f3a9c";
        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/hosts", _token, new
        {
            name = "canary-host", address = "127.0.0.1", port = 22, username = "u", password = canary, hostKeyFingerprint = sshd.Server.HostKeyFingerprint,
        });
        var (_, list) = await _server.SendAsync(HttpMethod.Get, "/api/hosts", _token);

        Assert.Equal(201, status);
        Assert.DoesNotContain(canary, body.ToString());
        Assert.DoesNotContain(canary, list.ToString());
        var database = await File.ReadAllBytesAsync(Path.Combine(_server.DataDir, "bastion.db")).WithTimeout();
        var wal = Path.Combine(_server.DataDir, "bastion.db-wal");
        var walBytes = File.Exists(wal) ? await File.ReadAllBytesAsync(wal).WithTimeout() : [];
        Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)));
        Assert.Equal(-1, walBytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)));
    }

    [Fact]
    public async Task CreatingAHost_WithBadFields_ReturnsFieldErrors()
    {
        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/hosts", _token, new
        {
            name = "", address = "has space", port = 70000, username = "", privateKey = "-----BEGIN NONSENSE-----", hostKeyFingerprint = "MD5:aa:bb",
        });

        Assert.Equal(400, status);
        var errors = body.GetProperty("errors");
        foreach (var field in new[] { "name", "address", "port", "username", "privateKey", "hostKeyFingerprint" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }
}

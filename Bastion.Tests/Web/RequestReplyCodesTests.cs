using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Bastion.Core.Recording.Search;
using Bastion.Core.Ssh;
using Bastion.Core.Validation;

namespace Bastion.Tests.Web;

/// <summary>
/// Refusals of a request as a whole carry a <see cref="ReplyCodes"/> code and its values beside the English error,
/// through real Kestrel (issue 14; the not-found and conflict replies are <see cref="ReplyCodesTests"/>): an API token's missing scope, single sign-on that is not configured, a refresh
/// without a same-site Origin, the terminal's WebSocket upgrade and Origin refusals, a reply by status alone, a search
/// parameter out of range, an audit time that is not one, a session that is not running, a host-key scan that fails (with its connection failure as a code too), a search
/// query the parser refuses (one code per reason).
/// </summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class RequestReplyCodesTests(BastionFixture bastion)
{
    [Fact]
    public async Task AnApiTokenWithoutTheScope_IsRefusedWithTheScopeItLacks()
    {
        var (created, token) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/account/tokens", bastion.AdminToken,
            new { name = BastionFixture.Unique("reply"), scopes = new[] { "read" }, expiresInDays = 1 });
        Assert.True(created == 201, $"POST /api/account/tokens → {created}: {token}");

        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/credentials", token.GetProperty("token").GetString(), new { name = "x" });

        Assert.Equal(403, status);
        AssertReply(body, ReplyCodes.TokenScopeMissing, "this API token lacks the 'admin' scope", ("scope", "admin"));
    }

    [Fact]
    public async Task SignInRefusalsOutsideTheForm_CarryTheirCodes()
    {
        var (sso, ssoBody) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/auth/sso/start", null);
        var (refresh, refreshBody) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/auth/refresh", null);

        Assert.Equal((404, 403), (sso, refresh));
        AssertReply(ssoBody, ReplyCodes.SsoNotConfigured, "single sign-on is not configured");
        AssertReply(refreshBody, ReplyCodes.RefreshNeedsSameSite, "the refresh endpoint needs a same-site Origin header");
    }

    [Fact]
    public async Task TheTerminalUpgrade_RefusesAPlainRequestAndAForeignOrigin_WithCodes()
    {
        var path = $"/ws/terminal/{Guid.NewGuid()}";
        var (plain, plainBody) = await bastion.Server.SendAsync(HttpMethod.Get, path, bastion.AdminToken);
        await using var foreign = await RawWebSocket.ConnectAsync(bastion.Server.WebSocketUri(path),
            [KeyValuePair.Create("Origin", (string?)"http://elsewhere.example")]).WithTimeout();
        using var foreignBody = JsonDocument.Parse(await foreign.ReadResponseBodyAsync().WithTimeout());

        Assert.Equal((400, 403), (plain, foreign.StatusCode));
        AssertReply(plainBody, ReplyCodes.WebSocketRequired, "this endpoint needs a WebSocket upgrade");
        AssertReply(foreignBody.RootElement, ReplyCodes.OriginNotAllowed, "origin not allowed");
    }

    [Fact]
    public async Task RepliesByStatusAlone_AndQueryRefusals_CarryCodes()
    {
        var (missing, missingBody) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/no-such-endpoint", bastion.AdminToken);
        var (search, searchBody) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/recordings/search?q=a&limit=0", bastion.AdminToken);
        var (audit, auditBody) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/audit/events?from=yesterday", bastion.AdminToken);
        var (kill, killBody) = await bastion.Server.SendAsync(HttpMethod.Post, $"/api/sessions/{Guid.NewGuid():N}/kill", bastion.AdminToken);

        Assert.Equal([404, 400, 400, 404], new[] { missing, search, audit, kill });
        AssertReply(missingBody, ReplyCodes.NotFound, "not found");
        var max = RecordingSearch.MaxTake.ToString(CultureInfo.InvariantCulture);
        AssertReply(searchBody, ReplyCodes.SearchLimitRange, $"limit must be between 1 and {max}", ("max", max));
        AssertReply(auditBody, ReplyCodes.AuditTimeInvalid, "from and to must be ISO 8601 times or Unix milliseconds");
        AssertReply(killBody, ReplyCodes.SessionNotRunning, "no such running session");
    }

    [Theory]
    [InlineData("%20", ReplyCodes.SearchQueryMissing, "q is required: the words to search for", null)]
    [InlineData("%22--%22", ReplyCodes.SearchQueryNoWords, "q has no words to search for (letters or digits)", null)]
    [InlineData("a%01b", ReplyCodes.SearchQueryControlCharacters, "q must not contain control characters", null)]
    [InlineData("a+b+c+d+e+f+g+h+i", ReplyCodes.SearchQueryTooManyTerms, "q has too many terms: at most 8", "8")]
    public async Task ASearchQueryTheParserRefuses_CarriesACodePerReason(string q, string code, string error, string? max)
    {
        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Get, $"/api/recordings/search?q={q}", bastion.AdminToken);

        Assert.Equal(400, status);
        AssertReply(body, code, error, max is null ? [] : [("max", max)]);
    }

    [Fact]
    public async Task ASearchQueryTooLong_NamesItsBound()
    {
        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Get, $"/api/recordings/search?q={new string('a', SearchTerms.MaxQueryChars + 1)}", bastion.AdminToken);

        Assert.Equal(400, status);
        var max = SearchTerms.MaxQueryChars.ToString(CultureInfo.InvariantCulture);
        AssertReply(body, ReplyCodes.SearchQueryTooLong, $"q is too long: at most {max} characters", ("max", max));
    }

    [Fact]
    public async Task AHostKeyScanThatCannotConnect_Is502_WithTheFailureAsItsValue()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var hostName = HostSpec.UniqueName("scan");
        var hostId = await bastion.Server.CreateHostAsync(bastion.AdminToken, HostSpec.At("127.0.0.1", hostName) with { Port = closedPort });
        try
        {
            var (status, body) = await bastion.Server.SendAsync(HttpMethod.Post, $"/api/hosts/{hostId}/host-key/scan", bastion.AdminToken).WithTimeout(TimeSpan.FromMinutes(1));

            Assert.Equal(502, status);
            var error = body.GetProperty("error").GetString()!;
            Assert.Contains("connection refused", error, StringComparison.Ordinal);
            AssertReply(body, ReplyCodes.HostKeyScanFailed, error, ("error", error));

            // The value is itself coded, so the page words it too instead of showing SSH's English inside its words.
            var failure = body.GetProperty("failure");
            Assert.Equal(FailureDetailCodes.ConnectionRefused, failure.GetProperty("code").GetString());
            var args = failure.GetProperty("args").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            Assert.Equal(new Dictionary<string, string?> { ["host"] = hostName, ["address"] = "127.0.0.1", ["port"] = closedPort.ToString(CultureInfo.InvariantCulture) }, args);
        }
        finally
        {
            await bastion.Server.SendAsync(HttpMethod.Delete, $"/api/hosts/{hostId}", bastion.AdminToken);
        }
    }

    private static void AssertReply(JsonElement body, string code, string error, params (string Name, string Value)[] args)
    {
        Assert.Equal(code, body.TryGetProperty("code", out var sent) ? sent.GetString() : $"no code in {body}");
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal(error, body.GetProperty("detail").GetString());
        var values = body.TryGetProperty("args", out var a) ? a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()) : [];
        Assert.Equal(args.ToDictionary(x => x.Name, x => (string?)x.Value), values);
    }
}

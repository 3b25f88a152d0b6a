using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bastion.Tests.Logins;

/// <summary>One browser's view of the login API: its own cookie jar (so the refresh cookie stays with it), the
/// page's Origin on refresh, and the access token it holds.</summary>
internal sealed class LoginClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpClient _bare;

    public LoginClient(BastionServer server)
    {
        Server = server;
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = server.BaseUri,
            Timeout = TestTimeouts.Default,
        };
        _bare = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.BaseUri, Timeout = TestTimeouts.Default };
    }

    public BastionServer Server { get; }

    public CookieContainer Cookies { get; }

    public string AccessToken { get; private set; } = "";

    public string Origin => $"{Server.BaseUri.Scheme}://{Server.BaseUri.Authority}";

    /// <summary>The refresh cookie's value as the jar holds it for the refresh path, or null.</summary>
    public string? RefreshCookie => Cookies.GetCookies(new Uri(Server.BaseUri, "/api/auth/refresh"))["bastion_refresh"]?.Value;

    public async Task<string> LoginAsync(string userName = "admin", string password = BastionServer.AdminPassword)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/token", new { username = userName, password }).WithTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AccessToken = await ReadTokenAsync(response);
        return AccessToken;
    }

    /// <summary><c>POST /api/auth/refresh</c> with the jar's cookie (or <paramref name="cookie"/> instead) and the
    /// page's Origin (or <paramref name="origin"/>; "" for none).</summary>
    public async Task<(HttpStatusCode Status, string? Token, bool SetCookie)> RefreshAsync(bool active = false, string? cookie = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh") { Content = JsonContent.Create(new { active }) };
        if ((origin ?? Origin) is { Length: > 0 } o)
        {
            request.Headers.Add("Origin", o);
        }

        using var response = cookie is null ? await _http.SendAsync(request).WithTimeout() : await SendWithCookieAsync(request, cookie);
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values) && values.Any(v => v.StartsWith("bastion_refresh=", StringComparison.Ordinal) && !v.StartsWith("bastion_refresh=;", StringComparison.Ordinal));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null, setCookie);
        }

        AccessToken = await ReadTokenAsync(response);
        return (response.StatusCode, AccessToken, setCookie);
    }

    public async Task<int> StatusAsync(HttpMethod method, string path, string? token = null, object? body = null)
    {
        using var request = BastionServer.Request(method, path, token ?? AccessToken, body);
        using var response = await _http.SendAsync(request).WithTimeout();
        return (int)response.StatusCode;
    }

    public void Dispose()
    {
        _http.Dispose();
        _bare.Dispose();
    }

    /// <summary>A request that carries exactly <paramref name="cookie"/>: a copy of a cookie taken earlier, replayed.</summary>
    private async Task<HttpResponseMessage> SendWithCookieAsync(HttpRequestMessage request, string cookie)
    {
        request.Headers.Add("Cookie", "bastion_refresh=" + cookie);
        return await _bare.SendAsync(request).WithTimeout();
    }

    private static async Task<string> ReadTokenAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout());
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}

using System.Text.Json;
using Bastion.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Web;

/// <summary>The OpenAPI document scripts read first: served without a token, complete, and honest about auth.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private BastionServer _server = null!;
    private string _text = null!;
    private JsonElement _paths;

    public async Task InitializeAsync()
    {
        _server = await BastionServer.StartAsync();
        using var response = await _server.Http.GetAsync("/openapi/v1.json").WithTimeout();
        Assert.Equal(200, (int)response.StatusCode);
        _text = await response.Content.ReadAsStringAsync().WithTimeout();
        _paths = JsonDocument.Parse(_text).RootElement.GetProperty("paths").Clone();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Document_HasEveryMappedApiRoute()
    {
        // Every /api endpoint is mapped for explicit methods. The one WebSocket route, /ws/terminal/{hostId}, lives
        // outside /api because OpenAPI cannot describe an upgrade (docs/PROTOCOL.md does); none is excluded here.
        var routes = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(routes);

        var missing = new List<string>();
        foreach (var route in routes)
        {
            var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var path = OpenApiPath(route.RoutePattern);
            if (methods.Count == 0)
            {
                missing.Add($"{route.RoutePattern.RawText} (mapped for every method)");
            }

            missing.AddRange(methods.Where(m => !HasOperation(path, m)).Select(m => $"{m} {path}"));
        }

        Assert.True(missing.Count == 0, "not in /openapi/v1.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void ProtectedRoute_DeclaresBearerAndItsRoles()
    {
        var security = Operation("/api/audit/events", "get").GetProperty("security");
        var roles = security.EnumerateArray().Select(r => string.Join(" ", r.GetProperty("Bearer").EnumerateArray().Select(x => x.GetString()))).Order();
        Assert.Equal(["admin", "auditor"], roles);

        var signedIn = Operation("/api/terminal/tickets", "post").GetProperty("security");
        Assert.Empty(Assert.Single(signedIn.EnumerateArray()).GetProperty("Bearer").EnumerateArray());

        Assert.False(Operation("/api/auth/token", "post").TryGetProperty("security", out _), "logging in needs no token");
        Assert.Contains("\"Bearer\"", _text);
        Assert.Contains("\"bearer\"", _text);
    }

    [Fact]
    public async Task Errors_AreProblemDetails_InTheDocumentAndOnTheWire()
    {
        var notFound = Operation("/api/sessions/{id}", "get").GetProperty("responses").GetProperty("404")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        var schema = JsonDocument.Parse(_text).RootElement.GetProperty("components").GetProperty("schemas").GetProperty(notFound.Split('/')[^1]);
        foreach (var member in new[] { "type", "title", "status", "detail", "error" })
        {
            Assert.True(schema.GetProperty("properties").TryGetProperty(member, out _), $"{notFound} lacks '{member}': {schema}");
        }

        var token = await _server.LoginAsync();
        using var request = BastionServer.Request(HttpMethod.Get, "/api/sessions/no-such-session", token);
        using var response = await _server.Http.SendAsync(request).WithTimeout();
        Assert.Equal(404, (int)response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout());
        Assert.Equal("session not found", body.RootElement.GetProperty("error").GetString());
        Assert.Equal("session not found", body.RootElement.GetProperty("detail").GetString());
        Assert.Equal(404, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Not Found", body.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void Document_HoldsNoSecret()
    {
        var signingKey = Convert.ToBase64String(_server.Services.GetRequiredService<Microsoft.IdentityModel.Tokens.SymmetricSecurityKey>().Key);
        Assert.DoesNotContain(BastionServer.AdminPassword, _text, StringComparison.Ordinal);
        Assert.DoesNotContain(signingKey, _text, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.DataDir, _text, StringComparison.Ordinal);
    }

    private JsonElement Operation(string path, string method)
    {
        Assert.True(_paths.TryGetProperty(path, out var item), $"{path} not in the document");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} not in the document");
        return operation;
    }

    private bool HasOperation(string path, string method) =>
        _paths.EnumerateObject().Any(p => p.Name.TrimEnd('/') == path.TrimEnd('/') && p.Value.TryGetProperty(method.ToLowerInvariant(), out _));

    /// <summary>The route as OpenAPI writes it: parameters by name, without constraints.</summary>
    private static string OpenApiPath(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
}

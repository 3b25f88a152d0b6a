using System.Text.Json;

namespace Bastion.Testing;

/// <summary>Admin calls the inventory and access tests share.</summary>
public static class AdminApi
{
    public const string UserPassword = "user-password-for-tests";

    /// <summary>Creates a user with the given roles and groups and returns its id and a fresh token.</summary>
    public static async Task<(string Id, string Token)> CreateUserAsync(
        this BastionServer server, string adminToken, string name, string[] roles, string[]? groups = null)
    {
        var (status, json) = await server.SendAsync(HttpMethod.Post, "/api/users", adminToken,
            new { username = name, password = UserPassword, roles, groups = groups ?? [] });
        Assert.True(status == 201, $"POST /api/users → {status}: {json}");
        return (json.GetProperty("id").GetString()!, await server.LoginAsync(name, UserPassword));
    }

    public static async Task<string> GrantAsync(this BastionServer server, string adminToken, object grant)
    {
        var (status, json) = await server.SendAsync(HttpMethod.Post, "/api/grants", adminToken, grant);
        Assert.True(status == 201, $"POST /api/grants → {status}: {json}");
        return json.GetProperty("id").GetString()!;
    }

    public static async Task<string> CreateHostAsync(this BastionServer server, string adminToken, object host)
    {
        var (status, json) = await server.SendAsync(HttpMethod.Post, "/api/hosts", adminToken, host);
        Assert.True(status == 201, $"POST /api/hosts → {status}: {json}");
        return json.GetProperty("id").GetString()!;
    }

    public static async Task<List<string>> HostNamesAsync(this BastionServer server, string token)
    {
        var (status, json) = await server.SendAsync(HttpMethod.Get, "/api/hosts", token);
        Assert.Equal(200, status);
        return [.. json.EnumerateArray().Select(h => h.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];
    }

    public static Task<string> CreateHostAsync(this BastionServer server, string adminToken, HostSpec host) =>
        server.CreateHostAsync(adminToken, host.ToBody());

    /// <summary><c>POST /api/hosts</c> without asserting the outcome (for tests of refused bodies).</summary>
    public static Task<(int Status, JsonElement Body)> PostHostAsync(this BastionServer server, string adminToken, HostSpec host) =>
        server.SendAsync(HttpMethod.Post, "/api/hosts", adminToken, host.ToBody());

    /// <summary><c>PUT /api/hosts/{id}</c>; fields left null in <paramref name="host"/> are left out of the body.</summary>
    public static Task<(int Status, JsonElement Body)> UpdateHostAsync(this BastionServer server, string adminToken, string hostId, HostSpec host) =>
        server.SendAsync(HttpMethod.Put, $"/api/hosts/{hostId}", adminToken, host.ToBody());
}

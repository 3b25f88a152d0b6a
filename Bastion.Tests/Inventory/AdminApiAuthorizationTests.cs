namespace Bastion.Tests.Inventory;

/// <summary>Every admin route answers 401 without a token and 403 for operators and auditors, never with data; admins
/// get through. One server for the whole matrix.</summary>
public sealed class AdminApiAuthorizationTests(AdminApiAuthorizationTests.Deployment deployment) : IClassFixture<AdminApiAuthorizationTests.Deployment>
{
    private static readonly string s_anyId = Guid.NewGuid().ToString();

    private BastionServer Server => deployment.Server;

    private Dictionary<string, string?> Tokens => deployment.Tokens;

    public sealed class Deployment : IAsyncLifetime
    {
        public BastionServer Server { get; private set; } = null!;

        public Dictionary<string, string?> Tokens { get; } = [];

        public async Task InitializeAsync()
        {
            Server = await BastionServer.StartAsync();
            var admin = await Server.LoginAsync();
            Tokens["admin"] = admin;
            Tokens["anonymous"] = null;
            Tokens["operator"] = (await Server.CreateUserAsync(admin, "op", ["operator"])).Token;
            Tokens["auditor"] = (await Server.CreateUserAsync(admin, "aud", ["auditor"])).Token;
            await Server.CreateHostAsync(admin, HostSpec.At("10.0.0.1", "secret-host", username: "root", password: "x-password"));
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    public static TheoryData<string, string> AdminRoutes()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in (string[])
        [
            "POST /api/hosts", $"GET /api/hosts/{s_anyId}", $"PUT /api/hosts/{s_anyId}", $"DELETE /api/hosts/{s_anyId}",
            $"POST /api/hosts/{s_anyId}/host-key/scan", $"POST /api/hosts/{s_anyId}/host-key/approve", $"POST /api/hosts/{s_anyId}/test",
            "GET /api/host-keys/pending", $"DELETE /api/host-keys/pending/{s_anyId}",
            "POST /api/hosts/import/known-hosts", "POST /api/hosts/import/csv", "GET /api/hosts/export?format=csv", "GET /api/hosts/export",
            "GET /api/credentials", "POST /api/credentials", $"PUT /api/credentials/{s_anyId}", $"DELETE /api/credentials/{s_anyId}",
            "GET /api/users", "POST /api/users", $"PUT /api/users/{s_anyId}", $"POST /api/users/{s_anyId}/password",
            "GET /api/grants", "POST /api/grants", $"DELETE /api/grants/{s_anyId}",
        ])
        {
            foreach (var role in (string[])["anonymous", "operator", "auditor"])
            {
                data.Add(route, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task AdminRoute_WithoutAdminRole_IsRefusedWithoutData(string route, string role)
    {
        var (method, path) = Split(route);

        var (status, body) = await Server.SendAsync(method, path, Tokens[role], method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { });

        Assert.Equal(role == "anonymous" ? 401 : 403, status);
        Assert.DoesNotContain("secret-host", body.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "" : body.ToString());
    }

    [Theory]
    [InlineData("GET /api/host-keys/pending")]
    [InlineData("GET /api/hosts/export")]
    [InlineData("GET /api/credentials")]
    [InlineData("GET /api/users")]
    [InlineData("GET /api/grants")]
    [InlineData("GET /api/hosts?all=1")]
    public async Task AdminRoute_AsAdmin_Succeeds(string route)
    {
        var (method, path) = Split(route);

        var (status, _) = await Server.SendAsync(method, path, Tokens["admin"]);

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("anonymous", 401)]
    [InlineData("operator", 200)]
    [InlineData("auditor", 200)]
    [InlineData("admin", 200)]
    public async Task HostList_ShowsOnlyGrantedHosts(string role, int expected)
    {
        var (status, body) = await Server.SendAsync(HttpMethod.Get, "/api/hosts?all=1", Tokens[role]);

        Assert.Equal(expected, status);
        if (expected == 200)
        {
            // Nobody but the admin was granted anything, and ?all=1 is ignored for non-admins.
            Assert.Equal(role == "admin" ? 1 : 0, body.GetArrayLength());
        }
    }

    [Theory]
    [InlineData("anonymous", 401)]
    [InlineData("operator", 200)]
    [InlineData("auditor", 200)]
    [InlineData("admin", 200)]
    public async Task Me_AnswersForEverySignedInUser(string role, int expected)
    {
        var (status, body) = await Server.SendAsync(HttpMethod.Get, "/api/me", Tokens[role]);

        Assert.Equal(expected, status);
        if (expected == 200)
        {
            Assert.Contains(role, body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }
    }

    [Theory]
    [InlineData("anonymous", 401)]
    [InlineData("operator", 404)]
    [InlineData("auditor", 404)]
    public async Task Ticket_ForAnUngrantedHost_IsRefused(string role, int expected)
    {
        var (_, hosts) = await Server.SendAsync(HttpMethod.Get, "/api/hosts", Tokens["admin"]);
        var hostId = hosts[0].GetProperty("id").GetString();

        var (status, _) = await Server.SendAsync(HttpMethod.Post, "/api/terminal/tickets", Tokens[role], new { hostId });

        Assert.Equal(expected, status);
    }

    private static (HttpMethod Method, string Path) Split(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        return (new HttpMethod(route[..space]), route[(space + 1)..]);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bastion.Tests.Inventory;

/// <summary>
/// <c>GET /api/hosts</c> pages and filters in the database (issue 14: after a 100,000-host import every list loaded every
/// host, 5 to 21 s a page). Through real Kestrel and the suite's storage engine (SQLite, and PostgreSQL on the
/// second pass): a page holds <c>limit</c> rows and the total of all matching hosts, the cursor walks on without a
/// repeat, and the filter finds hosts far beyond the first page, for the admin's inventory and an operator's grants.
/// </summary>
public sealed class HostListPagingTests : IAsyncLifetime
{
    private const int Count = 3000;
    private BastionFixture _bastion = null!;

    private BastionServer Server => _bastion.Server;

    public async Task InitializeAsync()
    {
        _bastion = await BastionFixture.StartAsync(sshd: null);
        // Every third host is in the group "paged-db" with the label team=db; the rest are team=web.
        var csv = new StringBuilder("name,address,username,groups,labels\n");
        for (var i = 0; i < Count; i++)
        {
            var db = i % 3 == 0;
            csv.Append(CultureInfo.InvariantCulture, $"paged-{i:D5},10.44.{i / 256}.{i % 256},deploy,{(db ? "paged-db" : "paged-web")},team={(db ? "db" : "web")}\n");
        }

        var (status, body) = await Server.SendAsync(HttpMethod.Post, "/api/hosts/import/csv", _bastion.AdminToken, new { text = csv.ToString() }).WithTimeout(TimeSpan.FromMinutes(2));
        Assert.True(status == 200, $"import: {status} {body}");
    }

    public async Task DisposeAsync() => await _bastion.DisposeAsync();

    [Fact]
    public async Task AdminInventory_APageHoldsLimitRows_AndTheTotal_TheCursorWalksOn_AndTheFilterFindsALateHost()
    {
        var first = await PageAsync("/api/hosts?all=1&q=PAGED-&limit=100", _bastion.AdminToken);

        Assert.Equal(100, first.Names.Count);
        Assert.Equal(Count, first.Total);
        Assert.Equal("paged-00000", first.Names[0]);
        Assert.Equal("paged-00099", first.Next);

        var second = await PageAsync($"/api/hosts?all=1&q=paged-&limit=100&after={Uri.EscapeDataString(first.Next!)}", _bastion.AdminToken);
        Assert.Equal(("paged-00100", 100, Count), (second.Names[0], second.Names.Count, second.Total));

        var late = await PageAsync("/api/hosts?all=1&q=Paged-02998&limit=100", _bastion.AdminToken);
        Assert.Equal(["paged-02998"], late.Names);
        Assert.Equal((1, null), (late.Total, late.Next));

        var byAddress = await PageAsync("/api/hosts?all=1&q=10.44.11.183", _bastion.AdminToken); // host 2999
        Assert.Equal(["paged-02999"], byAddress.Names);

        var labelled = await PageAsync("/api/hosts?all=1&label=team%3Ddb&group=paged-db&limit=5", _bastion.AdminToken);
        Assert.Equal((5, Count / 3), (labelled.Names.Count, labelled.Total));
        Assert.Equal(["paged-00000", "paged-00003", "paged-00006", "paged-00009", "paged-00012"], labelled.Names);

        var byKey = await PageAsync("/api/hosts?all=1&label=team&limit=1", _bastion.AdminToken);
        Assert.Equal(Count, byKey.Total);

        var unbounded = await PageAsync("/api/hosts?all=1&limit=100000", _bastion.AdminToken);
        Assert.Equal(500, unbounded.Names.Count);
        var byDefault = await PageAsync("/api/hosts?all=1", _bastion.AdminToken);
        Assert.Equal(100, byDefault.Names.Count);
    }

    [Fact]
    public async Task Operator_PagesOnlyTheGrantedHosts_AndTheFilterFindsOneBeyondTheFirstPage()
    {
        var (userId, token) = await Server.CreateUserAsync(_bastion.AdminToken, "paged-operator", ["operator"]);
        await Server.GrantAsync(_bastion.AdminToken, new { userId, hostGroup = "paged-db" });

        var first = await PageAsync("/api/hosts?limit=50", token);
        Assert.Equal((50, Count / 3), (first.Names.Count, first.Total));
        Assert.All(first.Names, name => Assert.Equal(0, int.Parse(name["paged-".Length..], CultureInfo.InvariantCulture) % 3));

        var late = await PageAsync("/api/hosts?q=paged-02997&limit=50", token);
        Assert.Equal(["paged-02997"], late.Names);
        Assert.Equal(1, late.Total);
        var notGranted = await PageAsync("/api/hosts?q=paged-02998&limit=50", token);
        Assert.Equal((0, 0), (notGranted.Names.Count, notGranted.Total));
    }

    [Fact]
    public async Task AFilterLongerThanTheBound_IsAClearError()
    {
        var (status, body) = await Server.SendAsync(HttpMethod.Get, "/api/hosts?q=" + new string('x', 300), _bastion.AdminToken);

        Assert.Equal(400, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("q", out _), body.ToString());
    }

    private async Task<(List<string> Names, int Total, string? Next)> PageAsync(string path, string token)
    {
        using var request = BastionServer.Request(HttpMethod.Get, path, token);
        using var response = await Server.Http.SendAsync(request).WithTimeout();
        var text = await response.Content.ReadAsStringAsync().WithTimeout();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        var names = json.RootElement.EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToList();
        var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
        var next = response.Headers.TryGetValues("X-Next-Cursor", out var values) ? Uri.UnescapeDataString(values.Single()) : null;
        return (names, total, next);
    }
}

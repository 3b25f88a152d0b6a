using Bastion.Testing;

namespace Bastion.Tests.Inventory;

/// <summary>Shared credentials, host editing, CSV import and export.</summary>
[Collection(SshdCollectionDefinition.Name)]
public sealed class InventoryApiTests(SshdFixture sshd) : IAsyncLifetime
{
    private BastionServer _server = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _server = await BastionServer.StartAsync();
        _token = await _server.LoginAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SharedCredential_RotatedOnce_EveryHostFollows()
    {
        var (_, credential) = await _server.SendAsync(HttpMethod.Post, "/api/credentials", _token, new { name = "fleet", password = "stale-password" });
        var credentialId = credential.GetProperty("id").GetString();
        var hosts = new List<string>();
        foreach (var name in (string[])["shared-1", "shared-2"])
        {
            hosts.Add(await _server.CreateHostAsync(_token, new
            {
                name,
                address = sshd.Server.Host,
                port = sshd.Server.Port,
                username = sshd.Server.UserName,
                credentialId,
                hostKeyFingerprint = sshd.Server.HostKeyFingerprint,
            }));
        }

        await using (var refused = await _server.OpenTerminalAsync(_token, hosts[0]))
        {
            await refused.WaitForCloseAsync();
            Assert.Equal("auth_failed", Assert.Single(refused.Errors).GetProperty("code").GetString());
        }

        var (status, rotated) = await _server.SendAsync(HttpMethod.Put, $"/api/credentials/{credentialId}", _token, new { name = "fleet", password = sshd.Server.Password });

        Assert.Equal(200, status);
        Assert.Equal(2, rotated.GetProperty("hostCount").GetInt32());
        foreach (var hostId in hosts)
        {
            await using var terminal = await _server.OpenTerminalAsync(_token, hostId);
            await terminal.SendInputAsync("echo rotated-$((7*6))\r");
            await terminal.WaitForOutputAsync("rotated-42");
        }
    }

    [Fact]
    public async Task UpdateHost_WithoutSecrets_KeepsTheCredential_AndValidationErrorsNameTheField()
    {
        var hostId = await _server.AddHostAsync(_token, sshd.Server, name: "editable");

        var (bad, problem) = await _server.SendAsync(HttpMethod.Put, $"/api/hosts/{hostId}", _token, new
        {
            name = "editable",
            address = "has space",
            username = sshd.Server.UserName,
            port = 70000,
        });
        var (ok, updated) = await _server.SendAsync(HttpMethod.Put, $"/api/hosts/{hostId}", _token, new
        {
            name = "edited",
            address = sshd.Server.Host,
            port = sshd.Server.Port,
            username = sshd.Server.UserName,
            description = "renamed",
            groups = new[] { "lab" },
            labels = new Dictionary<string, string> { ["env"] = "test" },
        });

        Assert.Equal(400, bad);
        Assert.True(problem.GetProperty("errors").TryGetProperty("address", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("port", out _));
        Assert.Equal(200, ok);
        Assert.Equal("edited", updated.GetProperty("name").GetString());
        Assert.Equal("test", updated.GetProperty("labels").GetProperty("env").GetString());
        await using var terminal = await _server.OpenTerminalAsync(_token, hostId);
        await terminal.SendInputAsync("echo edited-$((2+3))\r");
        await terminal.WaitForOutputAsync("edited-5");
    }

    [Fact]
    public async Task CsvImport_CreatesHosts_AndExportRoundTripsWithoutSecrets()
    {
        var csv = "name,address,port,username,description,groups,labels,charset\n"
            + "csv-1,10.2.0.1,2222,deploy,\"first, with comma\",web;eu,env=prod;team=web,utf-8\n"
            + "csv-2,10.2.0.2,,deploy,,db,,gbk\n"
            + "csv-bad,,22,deploy,,,,\n";

        var (status, result) = await _server.SendAsync(HttpMethod.Post, "/api/hosts/import/csv", _token, new { text = csv });

        Assert.Equal(200, status);
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        Assert.Contains("line 4", Assert.Single(result.GetProperty("errors").EnumerateArray()).GetString());
        var (_, json) = await _server.SendAsync(HttpMethod.Get, "/api/hosts/export", _token);
        var first = json.EnumerateArray().Single(h => h.GetProperty("name").GetString() == "csv-1");
        Assert.Equal(2222, first.GetProperty("port").GetInt32());
        Assert.Equal("first, with comma", first.GetProperty("description").GetString());
        Assert.Equal(["eu", "web"], first.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        using var response = await _server.Http.SendAsync(BastionServer.Request(HttpMethod.Get, "/api/hosts/export?format=csv", _token)).WithTimeout();
        var exported = await response.Content.ReadAsStringAsync().WithTimeout();
        Assert.Contains("csv-2,10.2.0.2,22,deploy,,db,,gbk,true,", exported);
        Assert.Contains("\"first, with comma\"", exported);
    }

    [Fact]
    public async Task DeleteHost_RemovesIt_AndAGatewayInUseCannotBeDeleted()
    {
        var gatewayId = await _server.AddHostAsync(_token, sshd.Server, name: "gw");
        var targetId = await _server.CreateHostAsync(_token, new { name = "tgt", address = "10.3.0.1", username = "u", password = "p", gatewayHostId = gatewayId });

        var (refused, _) = await _server.SendAsync(HttpMethod.Delete, $"/api/hosts/{gatewayId}", _token);
        var (deleted, _) = await _server.SendAsync(HttpMethod.Delete, $"/api/hosts/{targetId}", _token);
        var (gone, _) = await _server.SendAsync(HttpMethod.Get, $"/api/hosts/{targetId}", _token);

        Assert.Equal(409, refused);
        Assert.Equal(204, deleted);
        Assert.Equal(404, gone);
    }
}

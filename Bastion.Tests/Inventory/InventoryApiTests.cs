namespace Bastion.Tests.Inventory;

/// <summary>Shared credentials, host editing, CSV import and export.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class InventoryApiTests(BastionFixture bastion)
{
    [Fact]
    public async Task SharedCredential_RotatedOnce_EveryHostFollows()
    {
        var fleet = BastionFixture.Unique("fleet");
        var (_, credential) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/credentials", bastion.AdminToken, new { name = fleet, password = "stale-password" });
        var credentialId = credential.GetProperty("id").GetString();
        var hosts = new List<string>();
        foreach (var name in (string[])[BastionFixture.Unique("shared-1"), BastionFixture.Unique("shared-2")])
        {
            hosts.Add(await bastion.AddHostAsync(bastion.Host(name).WithCredential(credentialId)));
        }

        await using (var refused = await bastion.Server.OpenTerminalAsync(bastion.AdminToken, hosts[0]))
        {
            await refused.WaitForCloseAsync();
            Assert.Equal("auth_failed", Assert.Single(refused.Errors).GetProperty("code").GetString());
        }

        var (status, rotated) = await bastion.Server.SendAsync(HttpMethod.Put, $"/api/credentials/{credentialId}", bastion.AdminToken, new { name = fleet, password = bastion.Sshd.Password });

        Assert.Equal(200, status);
        Assert.Equal(2, rotated.GetProperty("hostCount").GetInt32());
        foreach (var hostId in hosts)
        {
            await using var terminal = await bastion.Server.OpenTerminalAsync(bastion.AdminToken, hostId);
            await terminal.SendInputAsync("echo rotated-$((7*6))\r");
            await terminal.WaitForOutputAsync("rotated-42");
        }
    }

    [Fact]
    public async Task UpdateHost_WithoutSecrets_KeepsTheCredential_AndValidationErrorsNameTheField()
    {
        var editable = BastionFixture.Unique("editable");
        var edited = BastionFixture.Unique("edited");
        var hostId = await bastion.AddHostAsync(editable);

        var (bad, problem) = await bastion.Server.UpdateHostAsync(bastion.AdminToken, hostId, new HostSpec
        {
            Name = editable,
            Address = "has space",
            Username = bastion.Sshd.UserName,
            Port = 70000,
        });
        var (ok, updated) = await bastion.Server.UpdateHostAsync(bastion.AdminToken, hostId, bastion.Host(edited).WithoutSecret().Unpinned() with
        {
            Description = "renamed",
            Groups = ["lab"],
            Labels = new Dictionary<string, string> { ["env"] = "test" },
        });

        Assert.Equal(400, bad);
        Assert.True(problem.GetProperty("errors").TryGetProperty("address", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("port", out _));
        Assert.Equal(200, ok);
        Assert.Equal(edited, updated.GetProperty("name").GetString());
        Assert.Equal("test", updated.GetProperty("labels").GetProperty("env").GetString());
        await using var terminal = await bastion.Server.OpenTerminalAsync(bastion.AdminToken, hostId);
        await terminal.SendInputAsync("echo edited-$((2+3))\r");
        await terminal.WaitForOutputAsync("edited-5");
    }

    [Fact]
    public async Task CsvImport_CreatesHosts_AndExportRoundTripsWithoutSecrets()
    {
        var csvName = BastionFixture.Unique("csv");
        var csv = "name,address,port,username,description,groups,labels,charset\n"
            + $"{csvName}-1,10.2.0.1,2222,deploy,\"first, with comma\",web;eu,env=prod;team=web,utf-8\n"
            + $"{csvName}-2,10.2.0.2,,deploy,,db,,gbk\n"
            + $"{csvName}-bad,,22,deploy,,,,\n";

        var (status, result) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/hosts/import/csv", bastion.AdminToken, new { text = csv });

        Assert.Equal(200, status);
        Assert.Equal((2, 1), (result.GetProperty("added").GetInt32(), result.GetProperty("rejected").GetInt32()));
        var rejected = result.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("outcome").GetString() == "rejected");
        Assert.Equal((4, "address: a host name or IP address is required"), (rejected.GetProperty("line").GetInt32(), rejected.GetProperty("reason").GetString()));
        var (_, json) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/hosts/export", bastion.AdminToken);
        var first = json.EnumerateArray().Single(h => h.GetProperty("name").GetString() == $"{csvName}-1");
        Assert.Equal(2222, first.GetProperty("port").GetInt32());
        Assert.Equal("first, with comma", first.GetProperty("description").GetString());
        Assert.Equal(["eu", "web"], first.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        using var response = await bastion.Server.Http.SendAsync(BastionServer.Request(HttpMethod.Get, "/api/hosts/export?format=csv", bastion.AdminToken)).WithTimeout();
        var exported = await response.Content.ReadAsStringAsync().WithTimeout();
        Assert.Contains($"{csvName}-2,10.2.0.2,22,deploy,,db,,gbk,true,", exported);
        Assert.Contains("\"first, with comma\"", exported);
    }

    [Fact]
    public async Task DeleteHost_RemovesIt_AndAGatewayInUseCannotBeDeleted()
    {
        var gatewayId = await bastion.AddHostAsync(BastionFixture.Unique("gw"));
        var targetId = await bastion.AddHostAsync(HostSpec.At("10.3.0.1", BastionFixture.Unique("tgt")).Through(gatewayId));

        var (refused, _) = await bastion.Server.SendAsync(HttpMethod.Delete, $"/api/hosts/{gatewayId}", bastion.AdminToken);
        var (deleted, _) = await bastion.Server.SendAsync(HttpMethod.Delete, $"/api/hosts/{targetId}", bastion.AdminToken);
        var (gone, _) = await bastion.Server.SendAsync(HttpMethod.Get, $"/api/hosts/{targetId}", bastion.AdminToken);

        Assert.Equal(409, refused);
        Assert.Equal(204, deleted);
        Assert.Equal(404, gone);
    }
}

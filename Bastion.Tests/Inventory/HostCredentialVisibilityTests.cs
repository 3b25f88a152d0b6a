using System.Text.Json;

namespace Bastion.Tests.Inventory;

/// <summary>
/// Only the admins' inventory (<c>GET /api/hosts?all=1</c>) names a host's shared credential; an operator's host list
/// and favourites carry null credential fields (the paged listing had projected the credential for every caller).
/// Real Kestrel and the suite's storage engine.
/// </summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class HostCredentialVisibilityTests(BastionFixture bastion)
{
    [Fact]
    public async Task OperatorsListAndFavourites_HaveNoCredentialFields_TheAdminsInventoryHasThem()
    {
        var name = BastionFixture.Unique("credential-shown");
        var (_, credential) = await bastion.Server.SendAsync(HttpMethod.Post, "/api/credentials", bastion.AdminToken, new { name = BastionFixture.Unique("fleet-key"), password = "p" });
        var credentialId = credential.GetProperty("id").GetString();
        var hostId = await bastion.AddHostAsync(bastion.Host(name).WithCredential(credentialId));
        var (userId, _, token) = await bastion.AddUserAsync(["operator"]);
        await bastion.GrantAsync(new { userId, hostId });
        var (starred, starBody) = await bastion.Server.SendAsync(HttpMethod.Put, $"/api/me/favourites/{hostId}", token);
        Assert.True(starred is 200 or 204, $"star: {starred} {starBody}");

        var (listed, list) = await bastion.Server.SendAsync(HttpMethod.Get, $"/api/hosts?q={name}", token);
        Assert.Equal(200, listed);
        var row = Assert.Single(list.EnumerateArray());
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (row.GetProperty("credentialId").ValueKind, row.GetProperty("credentialName").ValueKind));

        var (shortcuts, favourites) = await bastion.Server.SendAsync(HttpMethod.Get, "/api/me/favourites", token);
        Assert.Equal(200, shortcuts);
        var favourite = Assert.Single(favourites.GetProperty("favouriteHosts").EnumerateArray());
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (favourite.GetProperty("credentialId").ValueKind, favourite.GetProperty("credentialName").ValueKind));

        var (inventory, all) = await bastion.Server.SendAsync(HttpMethod.Get, $"/api/hosts?all=1&q={name}", bastion.AdminToken);
        Assert.Equal(200, inventory);
        Assert.Equal(credentialId, Assert.Single(all.EnumerateArray()).GetProperty("credentialId").GetString());
    }
}

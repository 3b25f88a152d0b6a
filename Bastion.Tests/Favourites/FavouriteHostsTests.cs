using System.Net;
using System.Text.Json;
using Bastion.Core.Storage;
using Bastion.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Favourites;

/// <summary>/api/me/favourites against real Kestrel and the real database: a star is the user's own, only for hosts
/// they may open (else 404 as for an unknown host), goes with the host, and recent hosts come from their sessions.</summary>
[Collection(BastionCollectionDefinition.Name)]
public sealed class FavouriteHostsTests(BastionFixture bastion)
{
    private BastionServer Server => bastion.Server;

    [Fact]
    public async Task Star_IsListed_ForItsUserOnly_AndAnotherUsersHostIs404()
    {
        var hostId = await bastion.AddHostAsync().WithTimeout();
        var (aliceId, _, alice) = await bastion.AddUserAsync(["operator"]).WithTimeout();
        var (_, _, bob) = await bastion.AddUserAsync(["operator"]).WithTimeout();
        await bastion.GrantAsync(aliceId, hostId).WithTimeout();

        var (put, starred) = await Server.SendAsync(HttpMethod.Put, $"/api/me/favourites/{hostId}", alice).WithTimeout();
        var (again, _) = await Server.SendAsync(HttpMethod.Put, $"/api/me/favourites/{hostId}", alice).WithTimeout();
        var (_, aliceList) = await Server.SendAsync(HttpMethod.Get, "/api/me/favourites", alice).WithTimeout();
        var (_, bobList) = await Server.SendAsync(HttpMethod.Get, "/api/me/favourites", bob).WithTimeout();
        var (bobGet, _) = await Server.SendAsync(HttpMethod.Get, $"/api/me/favourites/{hostId}", bob).WithTimeout();
        var (bobPut, bobProblem) = await Server.SendAsync(HttpMethod.Put, $"/api/me/favourites/{hostId}", bob).WithTimeout();
        var (bobDelete, _) = await Server.SendAsync(HttpMethod.Delete, $"/api/me/favourites/{hostId}", bob).WithTimeout();
        var (_, stillStarred) = await Server.SendAsync(HttpMethod.Get, $"/api/me/favourites/{hostId}", alice).WithTimeout();

        Assert.Equal(200, put);
        Assert.True(starred.GetProperty("favourite").GetBoolean());
        Assert.Equal(200, again);
        Assert.Equal([hostId], Ids(aliceList, "favourites"));
        Assert.Empty(Ids(bobList, "favourites"));
        Assert.Equal(404, bobGet);
        Assert.Equal(404, bobPut);
        Assert.Equal(404, bobProblem.GetProperty("status").GetInt32());
        Assert.Equal(404, bobDelete);
        Assert.True(stillStarred.GetProperty("favourite").GetBoolean());
        Assert.Equal(1, await RowsAsync(Guid.Parse(hostId)).WithTimeout());

        var (deleted, _) = await Server.SendAsync(HttpMethod.Delete, $"/api/me/favourites/{hostId}", alice).WithTimeout();
        var (_, afterDelete) = await Server.SendAsync(HttpMethod.Get, $"/api/me/favourites/{hostId}", alice).WithTimeout();
        Assert.Equal(204, deleted);
        Assert.False(afterDelete.GetProperty("favourite").GetBoolean());
    }

    [Fact]
    public async Task UnknownHost_Is404_WithAProblemBody()
    {
        using var request = BastionServer.Request(HttpMethod.Put, $"/api/me/favourites/{Guid.NewGuid()}", bastion.AdminToken);
        using var response = await Server.Http.SendAsync(request).WithTimeout();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout());
        Assert.Equal(404, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("host not found", body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DeletingTheHost_DeletesItsStars()
    {
        var hostId = await bastion.AddHostAsync().WithTimeout();
        await Server.SendAsync(HttpMethod.Put, $"/api/me/favourites/{hostId}", bastion.AdminToken).WithTimeout();
        Assert.Equal(1, await RowsAsync(Guid.Parse(hostId)).WithTimeout());

        var (deleted, _) = await Server.SendAsync(HttpMethod.Delete, $"/api/hosts/{hostId}", bastion.AdminToken).WithTimeout();

        Assert.Equal(204, deleted);
        Assert.Equal(0, await RowsAsync(Guid.Parse(hostId)).WithTimeout());
    }

    [Fact]
    public async Task RecentHosts_AreTheUsersOwnSessions_LatestFirst()
    {
        var first = await bastion.AddHostAsync().WithTimeout();
        var second = await bastion.AddHostAsync().WithTimeout();
        var (userId, _, token) = await bastion.AddUserAsync(["operator"]).WithTimeout();
        await bastion.GrantAsync(userId, first).WithTimeout();
        await bastion.GrantAsync(userId, second).WithTimeout();
        var (_, before) = await Server.SendAsync(HttpMethod.Get, "/api/me/favourites", token).WithTimeout();

        foreach (var hostId in new[] { first, second, first })
        {
            await using var terminal = await bastion.OpenTerminalAsync(hostId, token).WithTimeout();
            await terminal.SendInputAsync("echo recent-$((1+1))\r").WithTimeout();
            await terminal.WaitForOutputAsync("recent-2").WithTimeout();
        }

        var (_, after) = await Server.SendAsync(HttpMethod.Get, "/api/me/favourites", token).WithTimeout();
        var (_, admins) = await Server.SendAsync(HttpMethod.Get, "/api/me/favourites", bastion.AdminToken).WithTimeout();

        Assert.Empty(Ids(before, "recent"));
        Assert.Equal([first, second], Ids(after, "recent"));
        Assert.DoesNotContain(first, Ids(admins, "recent"));
    }

    private static List<string> Ids(JsonElement body, string property) =>
        [.. body.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private async Task<int> RowsAsync(Guid hostId)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        return await db.FavouriteHosts.CountAsync(f => f.HostId == hostId);
    }
}

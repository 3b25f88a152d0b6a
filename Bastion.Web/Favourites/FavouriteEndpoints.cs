using Bastion.Core.Inventory;
using Bastion.Core.Validation;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Bastion.Web.Inventory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Favourites;

/// <summary>The signed-in user's favourite hosts and recent hosts (issue 14), <c>/api/me/favourites</c>. A host the
/// user may not open is 404 like an unknown one; the rules live in <see cref="HostShortcuts"/>.</summary>
internal static class FavouriteEndpoints
{
    public const string Tag = "Favourites";

    /// <summary>Host ids: <see cref="Favourites"/> newest star first, <see cref="Recent"/> latest session first; the
    /// same hosts in the same order as <see cref="FavouriteHosts"/> and <see cref="RecentHosts"/> (issue 14: the pages
    /// show them without loading every host).</summary>
    public sealed record ShortcutsDto(
        IReadOnlyList<string> Favourites, IReadOnlyList<string> Recent, IReadOnlyList<HostDto> FavouriteHosts, IReadOnlyList<HostDto> RecentHosts);

    public sealed record FavouriteDto(string HostId, bool Favourite);

    public static void MapFavouriteEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/me/favourites").RequireAuthorization().WithTags(Tag);
        group.MapGet("/", ListAsync).WithName("ListFavouriteHosts");
        group.MapGet("/{hostId:guid}", GetAsync).WithName("GetFavouriteHost");
        group.MapPut("/{hostId:guid}", AddAsync).WithName("AddFavouriteHost");
        group.MapDelete("/{hostId:guid}", RemoveAsync).WithName("RemoveFavouriteHost");
    }

    private static async Task<Results<Ok<ShortcutsDto>, UnauthorizedHttpResult>> ListAsync(
        HttpContext context, UserDirectory users, HostShortcuts shortcuts, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var (favourites, recent) = await shortcuts.ListAsync(user, cancellationToken);
        return TypedResults.Ok(new ShortcutsDto(
            [.. favourites.Select(h => h.Id.ToString())], [.. recent.Select(h => h.Id.ToString())], [.. favourites.Select(HostDto.From)], [.. recent.Select(HostDto.From)]));
    }

    private static async Task<Results<Ok<FavouriteDto>, NotFound<ApiError>, UnauthorizedHttpResult>> GetAsync(
        Guid hostId, HttpContext context, UserDirectory users, HostShortcuts shortcuts, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        return await shortcuts.IsFavouriteAsync(user, hostId, cancellationToken) is { } favourite
            ? TypedResults.Ok(new FavouriteDto(hostId.ToString(), favourite))
            : NotFound();
    }

    private static async Task<Results<Ok<FavouriteDto>, NotFound<ApiError>, UnauthorizedHttpResult>> AddAsync(
        Guid hostId, HttpContext context, UserDirectory users, HostShortcuts shortcuts, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        return await shortcuts.AddAsync(user, hostId, cancellationToken) ? TypedResults.Ok(new FavouriteDto(hostId.ToString(), true)) : NotFound();
    }

    private static async Task<Results<NoContent, NotFound<ApiError>, UnauthorizedHttpResult>> RemoveAsync(
        Guid hostId, HttpContext context, UserDirectory users, HostShortcuts shortcuts, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        return await shortcuts.RemoveAsync(user, hostId, cancellationToken) ? TypedResults.NoContent() : NotFound();
    }

    private static NotFound<ApiError> NotFound() => TypedResults.NotFound(new ApiError(ReplyMessages.HostNotFound));
}

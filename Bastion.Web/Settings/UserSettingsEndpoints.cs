using Bastion.Core.Inventory;
using Bastion.Core.Settings;
using Bastion.Web.Auth;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Settings;

/// <summary>
/// The signed-in user's own terminal settings (issue 14): <c>GET /api/me/settings</c> (the defaults until saved) and
/// <c>PUT /api/me/settings</c> (fields left out keep their value; out of bounds → 400 ValidationProblem with the field).
/// There is no user id in the route: the row is always the caller's.
/// </summary>
internal static class UserSettingsEndpoints
{
    public const string Tag = "Account";

    public static void AddBastionUserSettings(this IServiceCollection services) => services.AddScoped<UserSettingsService>();

    public static void MapUserSettingsEndpoints(this WebApplication app)
    {
        var me = app.MapGroup("/api/me").RequireAuthorization().WithTags(Tag);
        me.MapGet("/settings", GetAsync).WithName("GetMySettings");
        me.MapPut("/settings", PutAsync).WithName("SaveMySettings");
    }

    private static async Task<Results<Ok<UserSettingsDto>, UnauthorizedHttpResult>> GetAsync(
        HttpContext context, UserDirectory users, UserSettingsService settings, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        return TypedResults.Ok(UserSettingsDto.From(await settings.GetAsync(user.Id, cancellationToken)));
    }

    private static async Task<Results<Ok<UserSettingsDto>, ValidationProblem, UnauthorizedHttpResult>> PutAsync(
        UserSettingsDto request, HttpContext context, UserDirectory users, UserSettingsService settings, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var result = await settings.SaveAsync(user.Id, request.ToChange(), cancellationToken);
        return result.Status == ChangeStatus.Done && result.Value is { } saved
            ? TypedResults.Ok(UserSettingsDto.From(saved))
            : FormProblems.Of(result.FieldErrors);
    }
}

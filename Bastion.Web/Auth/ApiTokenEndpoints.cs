using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

/// <summary>
/// <c>/api/account/tokens</c>: the signed-in user's personal API tokens (issue 11). Create (the secret is in this one
/// reply and nowhere else), list (never the secret: its first characters, scopes, expiry, last use), revoke (its
/// terminals end with <c>login_ended</c>). Creating and revoking are audited, without the secret.
/// </summary>
internal static class ApiTokenEndpoints
{
    public sealed record CreateApiTokenRequest(string? Name, List<string>? Scopes, int? ExpiresInDays);

    public sealed record ApiTokenDto(string Id, string Name, IReadOnlyList<string> Scopes, string Hint, DateTimeOffset CreatedAt,
        DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
    {
        public static ApiTokenDto From(ApiToken t) =>
            new(t.Id.ToString(), t.Name, t.ScopeList, ApiTokenScopes.Prefix + t.Hint + "…", t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
    }

    /// <param name="Token">The secret: shown once.</param>
    public sealed record CreatedApiTokenDto(ApiTokenDto Details, string Token);

    public static void MapApiTokenEndpoints(this WebApplication app)
    {
        var tokens = app.MapGroup("/api/account/tokens").RequireAuthorization().WithTags(AccountEndpoints.Tag);
        tokens.MapGet("/", ListAsync).WithName("ListMyApiTokens");
        tokens.MapPost("/", CreateAsync).WithName("CreateApiToken");
        tokens.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiToken");
    }

    private static async Task<Results<Ok<List<ApiTokenDto>>, UnauthorizedHttpResult>> ListAsync(
        HttpContext context, UserDirectory users, ApiTokens tokens, CancellationToken cancellationToken) =>
        await users.FindActiveAsync(context.User, cancellationToken) is { } user
            ? TypedResults.Ok((await tokens.ListAsync(user.Id, cancellationToken)).Select(ApiTokenDto.From).ToList())
            : TypedResults.Unauthorized();

    private static async Task<Results<Created<CreatedApiTokenDto>, ValidationProblem, Conflict<ApiError>, UnauthorizedHttpResult>> CreateAsync(
        CreateApiTokenRequest request, HttpContext context, UserDirectory users, ApiTokens tokens, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var result = await tokens.CreateAsync(user.Id, new NewApiToken(request.Name, request.Scopes, request.ExpiresInDays), cancellationToken);
        if (result.Value is not { } created)
        {
            return result.Status == ChangeStatus.Conflict ? TypedResults.Conflict(new ApiError(result.Problem!)) : FormProblems.Of(result.FieldErrors);
        }

        var dto = ApiTokenDto.From(created.Token);
        await audit.AppendAsync(Event(context, user, AuditEventTypes.ApiTokenCreated, created.Token), cancellationToken);
        return TypedResults.Created($"/api/account/tokens/{dto.Id}", new CreatedApiTokenDto(dto, created.Secret));
    }

    private static async Task<Results<NoContent, NotFound<ApiError>, UnauthorizedHttpResult>> RevokeAsync(
        Guid id, HttpContext context, UserDirectory users, ApiTokens tokens, ISessionRegistry registry, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (await users.FindActiveAsync(context.User, cancellationToken) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        if (await tokens.RevokeAsync(user.Id, id, cancellationToken) is not { } token)
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.ApiTokenNotFound));
        }

        LoginEnding.EndSessionsOf(registry, [token.Id]);
        await audit.AppendAsync(Event(context, user, AuditEventTypes.ApiTokenRevoked, token), cancellationToken);
        return TypedResults.NoContent();
    }

    private static AuditEvent Event(HttpContext context, User user, string type, ApiToken token) => new()
    {
        Type = type,
        Actor = user.UserName,
        ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
        Data = new Dictionary<string, string?>
        {
            ["token"] = token.Id.ToString(),
            ["name"] = token.Name,
            ["scopes"] = token.Scopes,
            ["expires_at"] = token.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}

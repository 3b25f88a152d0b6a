using Bastion.Core.Audit;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

internal static class AuthEndpoints
{
    public sealed record TokenRequest(string? Username, string? Password);

    public sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);

    public static void MapAuthEndpoints(this WebApplication app)
    {
        app.MapPost("/api/auth/token", IssueTokenAsync).RequireRateLimiting(AuthExtensions.LoginRateLimit).AllowAnonymous();
    }

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<ApiError>>> IssueTokenAsync(
        TokenRequest request, UserDirectory users, TokenIssuer issuer, IAuditLog audit, HttpContext context, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password) || request.Username.Length > 64 || request.Password.Length > 1024
            ? null
            : await users.VerifyPasswordAsync(request.Username, request.Password, cancellationToken);
        var ip = context.Connection.RemoteIpAddress?.ToString();
        if (user is null)
        {
            // The attempted name is data from an unauthenticated client: stored (trimmed) as data, never as the actor.
            var attempted = request.Username is { Length: > 64 } name ? name[..64] : request.Username;
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.LoginFailed,
                ClientAddress = ip,
                Data = new Dictionary<string, string?> { ["user"] = attempted, ["reason"] = "invalid username or password" },
            }, cancellationToken);
            return TypedResults.Json(new ApiError("invalid username or password"), statusCode: StatusCodes.Status401Unauthorized);
        }

        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.LoginSucceeded,
            Actor = user.UserName,
            ClientAddress = ip,
            Data = new Dictionary<string, string?> { ["roles"] = user.Roles },
        }, cancellationToken);
        var (token, expiresIn) = issuer.Issue(user);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresIn));
    }
}

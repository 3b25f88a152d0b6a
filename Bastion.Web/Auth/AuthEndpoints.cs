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
        TokenRequest request, UserDirectory users, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password) || request.Username.Length > 64 || request.Password.Length > 1024
            ? null
            : await users.VerifyPasswordAsync(request.Username, request.Password, cancellationToken);
        if (user is null)
        {
            return TypedResults.Json(new ApiError("invalid username or password"), statusCode: StatusCodes.Status401Unauthorized);
        }

        var (token, expiresIn) = issuer.Issue(user);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresIn));
    }
}

using System.Text.Json.Serialization;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary><c>/api/auth/sso/*</c>: what the sign-in page offers, the start of a single sign-on, and the exchange of
/// its hand-off code for Bastion's access token. The provider's callback (<see cref="CallbackPath"/>) is the OpenID
/// Connect handler's; <see cref="SsoCompletion"/> finishes it.</summary>
internal static class SsoEndpoints
{
    public const string CallbackPath = "/api/auth/sso/callback";
    public const string ExchangePath = "/api/auth/sso/exchange";

    public sealed record SsoInfo(bool Enabled, string? DisplayName, string LocalLogin);

    /// <summary>The token reply of a password sign-in, plus the user's name (the page did not type one).</summary>
    public sealed record SsoTokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("username")] string UserName);

    public static void MapSsoEndpoints(this WebApplication app)
    {
        var sso = app.MapGroup("/api/auth/sso").WithTags(AuthEndpoints.Tag).AllowAnonymous();
        sso.MapGet("/", Info).WithName("GetSingleSignOn");
        sso.MapGet("/start", Start).WithName("StartSingleSignOn");
        sso.MapPost("/exchange", ExchangeAsync).WithName("ExchangeSingleSignOn");
    }

    private static Ok<SsoInfo> Info(IOptions<SignInOptions> options)
    {
        var o = options.Value;
        return TypedResults.Ok(new SsoInfo(o.Oidc.Enabled, o.Oidc.Enabled ? o.Oidc.DisplayName : null, o.LocalLogin == LocalLogin.Admins ? "admins" : "all"));
    }

    private static Results<ChallengeHttpResult, NotFound<ApiError>> Start(IOptions<SignInOptions> options) =>
        options.Value.Oidc.Enabled
            ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = SsoCompletion.LandingPath }, [OpenIdConnectDefaults.AuthenticationScheme])
            : TypedResults.NotFound(new ApiError(ReplyMessages.SsoNotConfigured));

    private static async Task<Results<Ok<SsoTokenResponse>, JsonHttpResult<ApiError>>> ExchangeAsync(
        HttpContext context, SsoHandoffs handoffs, UserDirectory users, LoginIssuer issuer, CancellationToken cancellationToken)
    {
        // The cookie is SameSite=Strict already; a cross-origin page is refused here too.
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Json(new ApiError(ReplyMessages.SsoCrossOrigin), statusCode: StatusCodes.Status403Forbidden);
        }

        var handoff = await handoffs.TakeAsync(SsoCookie.Take(context));
        if (handoff is null)
        {
            return TypedResults.Json(new ApiError(ReplyMessages.SsoNothingPending), statusCode: StatusCodes.Status400BadRequest);
        }

        var user = handoff.UserId is { } id ? await users.FindActiveAsync(id, cancellationToken) : null;
        if (user is null)
        {
            return TypedResults.Json(new ApiError(Refusal(handoff)), statusCode: StatusCodes.Status403Forbidden);
        }

        // The one place a single sign-on becomes a Bastion login (with its refresh cookie, audited with the groups).
        var issued = (await issuer.IssueAsync(context, user, LoginIssuer.Oidc, new Dictionary<string, string?> { ["groups"] = user.Groups })).Value!;
        return TypedResults.Ok(new SsoTokenResponse(issued.AccessToken, issued.TokenType, issued.ExpiresIn, user.UserName));
    }

    /// <summary>Why the hand-off gives no login: its refusal, or (the user was disabled since) a disabled account.</summary>
    private static FieldMessage Refusal(SsoHandoff handoff) => (handoff.Code, handoff.Message) switch
    {
        ({ } code, { } text) => FieldMessage.Of(code, text),
        (null, { } text) => FieldMessage.Of(ReplyCodes.SsoFailed, text),
        _ => ReplyMessages.AccountDisabled,
    };
}

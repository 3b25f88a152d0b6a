using Bastion.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

internal static class SsoExtensions
{
    /// <summary>Sign-in settings (<c>Auth:LocalLogin</c>, <c>Auth:Oidc</c>) and, when an authority is configured,
    /// the OpenID Connect handler: authorisation code with PKCE, the answer as a query (so the state and nonce cookies
    /// can be SameSite=Lax), claims from the ID token and the userinfo endpoint.</summary>
    public static void AddBastionSso(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>());
        builder.Services.AddSingleton<SsoHandoffs>();
        builder.Services.AddScoped<ExternalSignIn>();

        var oidc = builder.Configuration.GetSection(AuthOptions.SectionName).Get<SignInOptions>()?.Oidc ?? new OidcOptions();
        if (!oidc.Enabled)
        {
            return;
        }

        builder.Services.AddAuthentication().AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.ResponseType = "code";
            o.ResponseMode = "query";
            o.UsePkce = true;
            o.CallbackPath = SsoEndpoints.CallbackPath;
            o.SaveTokens = false;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.Scope.Clear();
            foreach (var scope in oidc.Scopes.Append("openid").Distinct(StringComparer.Ordinal))
            {
                o.Scope.Add(scope);
            }

            o.ClaimActions.MapUniqueJsonKey(oidc.UserNameClaim, oidc.UserNameClaim);
            o.ClaimActions.MapJsonKey(oidc.GroupsClaim, oidc.GroupsClaim);
            o.TokenValidationParameters.NameClaimType = oidc.UserNameClaim;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
            o.Events = new OpenIdConnectEvents
            {
                OnTicketReceived = SsoCompletion.OnTicketReceivedAsync,
                OnRemoteFailure = SsoCompletion.OnRemoteFailureAsync,
            };
        });
    }
}

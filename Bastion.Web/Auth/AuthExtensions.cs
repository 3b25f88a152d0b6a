using System.Threading.RateLimiting;
using Bastion.Core.Access;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Web.Auth;

internal static class AuthExtensions
{
    public const string LoginRateLimit = "login";

    /// <summary>The default scheme: a bearer header that is an API token (<c>bst_…</c>) goes to
    /// <see cref="ApiTokenAuthenticationHandler"/>, any other to the JWT handler.</summary>
    public const string Scheme = "BearerOrApiToken";

    public static void AddBastionAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        builder.Services.AddSingleton(sp => SigningKey.Load(
            sp.GetRequiredService<IOptions<AuthOptions>>().Value.SigningKey,
            sp.GetRequiredService<IOptions<BastionOptions>>().Value.DataDir,
            StorageSharedKeys.InDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value) ? sp.GetRequiredService<SharedSecrets>() : null));
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddScoped<UserDirectory>();
        builder.Services.AddLogins();

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = context =>
                ApiTokenAuthenticationHandler.ReadSecret(context.Request) is null ? JwtBearerDefaults.AuthenticationScheme : ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SymmetricSecurityKey>((o, key) =>
        {
            o.MapInboundClaims = false;
            o.Events = new JwtBearerEvents { OnTokenValidated = ActiveUserValidation.ValidateAsync };
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = AuthOptions.Issuer,
                ValidAudience = AuthOptions.Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256], // an explicit allow-list: "none" and others are refused
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateLifetime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "name",
                RoleClaimType = "role",
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin));

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The same ProblemDetails and Retry-After as a locked account (issue 11), so a client backs off either way.
            o.OnRejected = (rejected, _) => new ValueTask(LoginRefusal.TooMany(
                rejected.HttpContext,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1)).ExecuteAsync(rejected.HttpContext));
            o.AddPolicy(LoginRateLimit, Cluster.LoginRateLimits.Partition); // per address; across nodes through the bus
        });
    }

    /// <summary>Logins, refresh tokens and API tokens (issue 11), and the watch that ends terminals of ended logins.</summary>
    private static void AddLogins(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var auth = sp.GetRequiredService<IOptions<AuthOptions>>().Value;
            return new LoginPolicy(auth.IdleTimeout, auth.MaxLoginDuration);
        });
        services.AddScoped<LoginSessions>();
        services.AddScoped<LoginIssuer>();
        services.AddScoped<ApiTokens>();
        services.AddHostedService<LoginWatch>();
    }

    public static void MapAccountEndpoints(this WebApplication app)
    {
        app.MapAccountLoginEndpoints();
        app.MapApiTokenEndpoints();
    }
}

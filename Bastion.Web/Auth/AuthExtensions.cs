using System.Threading.RateLimiting;
using Bastion.Core.Access;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Web.Auth;

internal static class AuthExtensions
{
    public const string LoginRateLimit = "login";

    public static void AddBastionAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        builder.Services.AddSingleton(sp => SigningKey.Load(
            sp.GetRequiredService<IOptions<AuthOptions>>().Value.SigningKey,
            sp.GetRequiredService<IOptions<BastionOptions>>().Value.DataDir));
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddScoped<UserDirectory>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
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
            o.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
    }
}

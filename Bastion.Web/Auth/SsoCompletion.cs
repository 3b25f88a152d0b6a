using System.Security.Claims;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Auth;

/// <summary>
/// Where the OpenID Connect handler's work ends (it has checked the state, the PKCE verifier, the ID token's
/// signature, issuer, audience and nonce): the provider's user is mapped by <see cref="ExternalSignIn"/>, the outcome
/// audited and left as a hand-off code in <see cref="SsoCookie"/>, and the browser sent to the sign-in page, which
/// trades the code for Bastion's own token (<see cref="SsoEndpoints"/>). Nothing is signed into a cookie scheme:
/// Bastion's session is its bearer token, as for a password sign-in.
/// </summary>
internal static partial class SsoCompletion
{
    /// <summary>Where the browser lands; the page reads <c>sso=complete</c>, drops it from the address and exchanges.</summary>
    public const string LandingPath = "/?sso=complete#/login";

    public static async Task OnTicketReceivedAsync(TicketReceivedContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<SignInOptions>>().Value;
        var identity = ToIdentity(context.Principal, options.Oidc);
        var result = identity is null
            ? ExternalSignInResult.Refused(ExternalSignInOutcome.InvalidName, ReplyMessages.SsoInvalidName)
            : await services.GetRequiredService<ExternalSignIn>().SignInAsync(identity, options.Rules(), http.RequestAborted);

        var audit = services.GetRequiredService<IAuditLog>();
        var ip = http.Connection.RemoteIpAddress?.ToString();
        if (result.User is { } user)
        {
            if (result.Outcome == ExternalSignInOutcome.Created)
            {
                await audit.AppendAsync(new AuditEvent
                {
                    Type = AuditEventTypes.UserCreated,
                    Actor = user.UserName,
                    ClientAddress = ip,
                    Data = new Dictionary<string, string?> { ["method"] = "oidc", ["roles"] = user.Roles, ["groups"] = user.Groups },
                }, http.RequestAborted);
            }

            // auth.login.succeeded is written when the page exchanges the hand-off and the login starts (LoginIssuer).
        }
        else
        {
            await audit.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.LoginFailed,
                ClientAddress = ip,
                Data = new Dictionary<string, string?>
                {
                    ["method"] = "oidc",
                    ["user"] = Trim(identity?.UserName),
                    ["subject"] = Trim(identity?.Subject),
                    ["reason"] = result.Outcome.ToString(),
                },
            }, http.RequestAborted);
        }

        await HandOffAsync(http, result.User?.Id, result.Message);
    }

    /// <summary>The provider refused (the user declined consent) or the callback was not valid (an expired or
    /// replayed state, a bad token): audited, and the sign-in page says so.</summary>
    public static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        Log.RemoteFailure(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SsoCompletion)), context.Failure?.Message);
        await http.RequestServices.GetRequiredService<IAuditLog>().AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.LoginFailed,
            ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
            Data = new Dictionary<string, string?> { ["method"] = "oidc", ["reason"] = Trim(context.Failure?.Message) },
        }, http.RequestAborted);
        await HandOffAsync(http, null, ReplyMessages.SsoFailed);
    }

    private static async Task HandOffAsync(HttpContext http, Guid? userId, FieldMessage? message)
    {
        var handoffs = http.RequestServices.GetRequiredService<SsoHandoffs>();
        var code = await handoffs.AddAsync(userId, message) ?? await handoffs.AddAsync(null, ReplyMessages.SsoBusy);
        if (code is not null)
        {
            SsoCookie.Set(http, code);
        }

        http.Response.Redirect(LandingPath);
    }

    private static ExternalIdentity? ToIdentity(ClaimsPrincipal? principal, OidcOptions options)
    {
        var subject = principal?.FindFirst("sub");
        if (principal is null || subject is null || string.IsNullOrEmpty(subject.Value))
        {
            return null;
        }

        // The ID token's claims carry its (validated) issuer; the authority stands in if a claim came without one.
        var issuer = subject.Issuer is { Length: > 0 } iss && iss != ClaimsIdentity.DefaultIssuer && iss != OpenIdConnectDefaults.AuthenticationScheme
            ? iss
            : options.Authority!.TrimEnd('/');
        var groups = principal.FindAll(options.GroupsClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        return new ExternalIdentity(issuer, subject.Value, principal.FindFirst(options.UserNameClaim)?.Value, groups);
    }

    private static string? Trim(string? value) => value is { Length: > 200 } ? value[..200] : value;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1800, Level = LogLevel.Warning, Message = "Single sign-on failed: {Reason}")]
        public static partial void RemoteFailure(ILogger logger, string? reason);
    }
}

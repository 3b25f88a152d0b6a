using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Access;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Observability;

/// <summary>
/// Who may scrape: a caller presenting the configured scrape token, or a signed-in administrator (the JWT was
/// already validated by the authentication middleware, and the user re-read). Anyone else gets a 401 ProblemDetails.
/// </summary>
internal static class MetricsAccess
{
    public static async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (HasScrapeToken(context, options.ScrapeToken) || context.User.IsInRole(Roles.Admin))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblems.Of(StatusCodes.Status401Unauthorized, "Metrics need the scrape token or an administrator", ReplyMessages.MetricsAccess)
            .ExecuteAsync(context);
    }

    private static bool HasScrapeToken(HttpContext context, string? expected)
    {
        if (string.IsNullOrWhiteSpace(expected))
        {
            return false;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Fixed-time compare of the hashes, so neither the length nor a prefix leaks through timing.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim()));
        var wanted = SHA256.HashData(Encoding.UTF8.GetBytes(expected.Trim()));
        return CryptographicOperations.FixedTimeEquals(given, wanted);
    }
}

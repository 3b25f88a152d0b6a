using System.Globalization;
using System.Threading.RateLimiting;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace Bastion.Web.Auth;

/// <summary>The reply to a sign-in refused by the per-address limit: <c>429</c> with <c>Retry-After</c> (seconds, RFC
/// 9110 section 10.2.3) and a ProblemDetails body that says when to try again and nothing about the account.</summary>
internal static class LoginRateLimitRejection
{
    public const string Message = "too many sign-in attempts from this address; try again later";

    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ApiError(Message) { Status = StatusCodes.Status429TooManyRequests, Title = "Too Many Requests" };
        problem.Extensions["retryAfter"] = seconds;
        await response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken);
    }
}

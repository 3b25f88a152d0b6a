using System.Globalization;
using Bastion.Core.Audit;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Auth;

/// <summary>The <c>429</c> of a locked account or an address over its rate: the same words whether or not the
/// account exists, a <c>Retry-After</c> in whole seconds, and an audit event for every refusal.</summary>
internal static class LoginRefusal
{
    public static async Task<JsonHttpResult<ApiError>> LockedAsync(HttpContext context, IAuditLog audit, string? attempted, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.LoginLocked,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            Data = new Dictionary<string, string?> { ["user"] = Trim(attempted), ["reason"] = "account_locked" },
        }, cancellationToken);
        return TooMany(context, retryAfter);
    }

    public static JsonHttpResult<ApiError> TooMany(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Json(new ApiError(ReplyMessages.TooManySignIns) { Title = "Too many requests" }, statusCode: StatusCodes.Status429TooManyRequests, contentType: "application/problem+json");
    }

    public static string? Trim(string? attempted) => attempted is { Length: > 64 } name ? name[..64] : attempted;
}

using System.Globalization;
using System.Threading.RateLimiting;
using Bastion.Core.Cluster;
using Bastion.Web.Auth;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Cluster;

/// <summary>The login limiter's partition per client address: counted in this process on one node, in the bus across
/// nodes (<see cref="SharedFixedWindowLimiter"/>). The shared key includes the limit, so every node must be configured
/// with the same <c>Auth:LoginAttemptsPerMinute</c> for them to share one count.</summary>
internal static class LoginRateLimits
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static RateLimitPartition<string> Partition(HttpContext context)
    {
        var permits = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.LoginAttemptsPerMinute;
        var bus = context.RequestServices.GetRequiredService<IClusterBus>();
        return RateLimitPartition.Get(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", address =>
        {
            var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window });
            return bus.IsClustered
                ? new SharedFixedWindowLimiter(bus, $"login:{permits.ToString(CultureInfo.InvariantCulture)}:{address}", permits, Window, local)
                : local;
        });
    }
}

using System.Threading.RateLimiting;
using Bastion.Core.Cluster;

namespace Bastion.Web.Cluster;

/// <summary>
/// A fixed-window limiter whose count lives in the bus, so every node counts the same attempts (issue 10: login
/// limits across nodes). The synchronous attempt always defers to the asynchronous one (ASP.NET Core's middleware
/// then awaits <see cref="AcquireAsyncCore"/>), which adds one to the shared counter. While Redis is unreachable the
/// node's own <see cref="FixedWindowRateLimiter"/> counts instead: the limit then holds per node.
/// </summary>
internal sealed class SharedFixedWindowLimiter(IClusterBus bus, string key, int permits, TimeSpan window, RateLimiter fallback) : RateLimiter
{
    public override TimeSpan? IdleDuration => fallback.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => fallback.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (await bus.CountInWindowAsync(key, window) is not { } count)
        {
            return fallback.AttemptAcquire(permitCount);
        }

        return count <= permits ? Lease.Acquired : Lease.Refused;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true);
        public static readonly Lease Refused = new(false);
        public static readonly Lease Deferred = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

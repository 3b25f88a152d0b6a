using System.Globalization;
using Bastion.Core.Cluster;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Access;

/// <summary>
/// When each user last gave a second factor (at login or on a step-up prompt), for hosts flagged <c>requireMfa</c>:
/// a ticket to such a host needs one within <c>Auth:StepUpWindow</c>. Shared by the nodes through the bus
/// (<see cref="SharedStash"/>, one entry per user that lives for the window), so a step-up given on one node is
/// honoured on the others (issue 10); on one node, or while Redis is unreachable, kept in this process.
/// </summary>
internal sealed class StepUpClock(IOptions<AccountSecurityOptions> options, TimeProvider time, IClusterBus bus)
{
    /// <summary>Users with a fresh step-up held in this process at once.</summary>
    public const int Capacity = 100_000;

    private readonly SharedStash _verified = new(bus, time, "stepup", Capacity);

    public async Task RecordAsync(Guid userId) =>
        await _verified.PutAsync(userId.ToString("N"), time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), options.Value.StepUpWindow);

    public async Task<bool> IsFreshAsync(Guid userId) =>
        await _verified.GetAsync(userId.ToString("N")) is { } value
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
        && time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms) <= options.Value.StepUpWindow;

    public Task ForgetAsync(Guid userId) => _verified.RemoveAsync(userId.ToString("N"));
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Access;

/// <summary>
/// When each user last gave a second factor (at login or on a step-up prompt), for hosts flagged <c>requireMfa</c>:
/// a ticket to such a host needs one within <c>Auth:StepUpWindow</c>. Kept in this process and per user (one entry
/// each, so bounded by the user count); a restart asks again, which errs on the safe side.
/// </summary>
internal sealed class StepUpClock(IOptions<AccountSecurityOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _verified = new();

    public void Record(Guid userId) => _verified[userId] = time.GetUtcNow();

    public bool IsFresh(Guid userId) =>
        _verified.TryGetValue(userId, out var at) && time.GetUtcNow() - at <= options.Value.StepUpWindow;

    public void Forget(Guid userId) => _verified.TryRemove(userId, out _);
}

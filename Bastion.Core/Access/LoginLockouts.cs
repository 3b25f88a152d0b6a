using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Access;

/// <summary>Per-account lockout (issue 11) over the database, so it survives restarts and counts across nodes that
/// share the database. Names are normalised as user names are; unknown names are counted like real ones.</summary>
internal sealed class LoginLockouts(BastionDbContext db, IOptions<AccountSecurityOptions> options, TimeProvider time)
{
    public const int MaxNameLength = 64;

    public static string Normalize(string userName)
    {
        var name = userName.Trim().ToLowerInvariant();
        return name.Length > MaxNameLength ? name[..MaxNameLength] : name;
    }

    /// <summary>Time left on the account's lock, or null when logins may be tried.</summary>
    public async Task<TimeSpan?> RemainingAsync(string userName, CancellationToken cancellationToken)
    {
        var name = Normalize(userName);
        var row = await db.AccountLockouts.AsNoTracking().FirstOrDefaultAsync(l => l.UserName == name, cancellationToken);
        return LockoutPolicy.Remaining(row, time.GetUtcNow());
    }

    /// <summary>Counts a failed password or second factor; returns the length of the lock it started, if any.</summary>
    public async Task<TimeSpan?> RecordFailureAsync(string userName, CancellationToken cancellationToken)
    {
        var name = Normalize(userName);
        var now = time.GetUtcNow();
        var row = await db.AccountLockouts.FirstOrDefaultAsync(l => l.UserName == name, cancellationToken);
        if (row is null)
        {
            row = new AccountLockout { UserName = name };
            db.AccountLockouts.Add(row);
            await ForgetStaleAsync(now, cancellationToken);
        }

        var locked = LockoutPolicy.RecordFailure(row, now, options.Value);
        await db.SaveChangesAsync(cancellationToken);
        return locked;
    }

    /// <summary>A completed login: the account's count and backoff start again.</summary>
    public async Task ResetAsync(string userName, CancellationToken cancellationToken)
    {
        var name = Normalize(userName);
        await db.AccountLockouts.Where(l => l.UserName == name).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Accounts locked now, for the admin page.</summary>
    public async Task<List<AccountLockout>> ListLockedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.AccountLockouts.AsNoTracking().Where(l => l.LockedUntil != null).ToListAsync(cancellationToken);
        return [.. rows.Where(r => r.LockedUntil > now).OrderBy(r => r.UserName, StringComparer.Ordinal)];
    }

    /// <summary>An admin's unlock: forgets the account's failures and backoff. False when it was not locked.</summary>
    public async Task<bool> ClearAsync(string userName, CancellationToken cancellationToken)
    {
        var name = Normalize(userName);
        var row = await db.AccountLockouts.FirstOrDefaultAsync(l => l.UserName == name, cancellationToken);
        if (LockoutPolicy.Remaining(row, time.GetUtcNow()) is null)
        {
            return false;
        }

        db.AccountLockouts.Remove(row!);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    // Names that nobody tried for a day are dropped, so guessed names cannot grow the table without bound
    // (the per-address limiter bounds how fast they arrive).
    private Task<int> ForgetStaleAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - LockoutPolicy.ForgetAfter;
        return db.AccountLockouts.Where(l => l.LastFailureAt < before && (l.LockedUntil == null || l.LockedUntil < now)).ExecuteDeleteAsync(cancellationToken);
    }
}

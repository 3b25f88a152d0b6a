using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Access;

/// <summary>
/// The rules of logins (issue 11): start one with its first refresh token, rotate a refresh token once with reuse
/// detection, check a login on every request (idle and absolute ends, touched at most every
/// <see cref="LoginPolicy.TouchInterval"/>), list and end them. Only hashes of refresh tokens are stored.
/// </summary>
internal sealed class LoginSessions(BastionDbContext db, LoginPolicy policy, TimeProvider time)
{
    public async Task<(Login Login, string RefreshToken)> StartAsync(
        User user, string method, string? clientAddress, string? userAgent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var login = new Login
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Method = method,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + policy.MaxDuration,
            ClientAddress = clientAddress,
            UserAgent = userAgent is { Length: > Login.UserAgentMaxLength } ua ? ua[..Login.UserAgentMaxLength] : userAgent,
        };
        db.Logins.Add(login);
        var token = AddRefreshToken(login.Id, now);
        await db.SaveChangesAsync(cancellationToken);
        return (login, token);
    }

    /// <summary>Uses <paramref name="refreshToken"/> once. <paramref name="active"/>: the user did something since the
    /// last refresh (the page's own timer refreshing an untouched tab does not keep the login alive).</summary>
    public async Task<RefreshOutcome> RefreshAsync(string refreshToken, bool active, CancellationToken cancellationToken)
    {
        if (refreshToken.Length is 0 or > SecretTokens.MaxLength)
        {
            return RefreshOutcome.Refused;
        }

        var hash = SecretTokens.Hash(refreshToken);
        var stored = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        var login = stored is null ? null : await db.Logins.FirstOrDefaultAsync(l => l.Id == stored.LoginId, cancellationToken);
        var user = login is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == login.UserId, cancellationToken);
        if (stored is null || login is null || user is null)
        {
            return RefreshOutcome.Refused;
        }

        var now = time.GetUtcNow();
        if (await EndIfOverAsync(login, user, now, cancellationToken) is { } over)
        {
            return RefreshOutcome.Refused with { Login = login, EndReason = over };
        }

        // One winner per token, even for two requests at once: the conditional update is the claim.
        var claimed = stored.UsedAt is null && await db.RefreshTokens
            .Where(t => t.Hash == hash && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken) == 1;
        if (!claimed)
        {
            var usedAt = stored.UsedAt ?? now;
            var lastUse = await db.RefreshTokens.AsNoTracking().Where(t => t.LoginId == login.Id && t.UsedAt != null)
                .Select(t => t.UsedAt).ToListAsync(cancellationToken);
            // Raced: no token of the login was used after this one (its successor is still unused), a moment ago.
            if (now - usedAt <= LoginPolicy.ReuseGrace && lastUse.All(u => u <= usedAt))
            {
                Touch(login, now, active);
                await db.SaveChangesAsync(cancellationToken);
                return new RefreshOutcome(RefreshStatus.Raced, login, user);
            }

            await EndAsync(login, LoginEndReasons.RefreshReused, now, cancellationToken);
            return new RefreshOutcome(RefreshStatus.Reused, login, user, EndReason: LoginEndReasons.RefreshReused);
        }

        var next = AddRefreshToken(login.Id, now);
        Touch(login, now, active);
        await db.SaveChangesAsync(cancellationToken);
        return new RefreshOutcome(RefreshStatus.Rotated, login, user, next);
    }

    /// <summary>The login behind an access token, checked now: null while it is live (and touched), else why it ended.</summary>
    public async Task<string?> CheckAsync(Guid loginId, User user, CancellationToken cancellationToken)
    {
        var login = await db.Logins.FirstOrDefaultAsync(l => l.Id == loginId && l.UserId == user.Id, cancellationToken);
        if (login is null)
        {
            return LoginEndReasons.Logout;
        }

        var now = time.GetUtcNow();
        if (await EndIfOverAsync(login, user, now, cancellationToken) is { } over)
        {
            return over;
        }

        if (now - login.LastSeenAt >= policy.TouchInterval)
        {
            login.LastSeenAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }

    /// <summary>The user's live logins, newest first.</summary>
    public async Task<List<Login>> ListActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var logins = await db.Logins.AsNoTracking().Where(l => l.UserId == userId && l.EndedAt == null).ToListAsync(cancellationToken);
        return [.. logins.Where(l => policy.EndOf(l, now) is null).OrderByDescending(l => l.LastSeenAt)];
    }

    /// <summary>Ends one of the user's own logins; false if it is not theirs or already over.</summary>
    public async Task<bool> EndAsync(Guid userId, Guid loginId, string reason, CancellationToken cancellationToken)
    {
        var login = await db.Logins.FirstOrDefaultAsync(l => l.Id == loginId && l.UserId == userId && l.EndedAt == null, cancellationToken);
        if (login is null)
        {
            return false;
        }

        await EndAsync(login, reason, time.GetUtcNow(), cancellationToken);
        return true;
    }

    /// <summary>Ends every live login of the user but <paramref name="except"/>; returns the ids ended.</summary>
    public async Task<List<Guid>> EndAllAsync(Guid userId, string reason, Guid? except, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var logins = await db.Logins.Where(l => l.UserId == userId && l.EndedAt == null && l.Id != except).ToListAsync(cancellationToken);
        foreach (var login in logins)
        {
            login.EndedAt = now;
            login.EndReason = reason;
        }

        await db.SaveChangesAsync(cancellationToken);
        var ids = logins.Select(l => l.Id).ToList();
        await db.RefreshTokens.Where(t => ids.Contains(t.LoginId)).ExecuteDeleteAsync(cancellationToken);
        return ids;
    }

    /// <summary>Of <paramref name="loginIds"/>, the logins that are over now (ended, idle, expired, user disabled or
    /// gone); ids that name no login are left out (they may be API tokens).</summary>
    public async Task<Dictionary<Guid, string>> FindOverAsync(IReadOnlyCollection<Guid> loginIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var logins = await db.Logins.AsNoTracking().Where(l => loginIds.Contains(l.Id)).ToListAsync(cancellationToken);
        var userIds = logins.Select(l => l.UserId).Distinct().ToList();
        var enabled = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && !u.Disabled).Select(u => u.Id).ToListAsync(cancellationToken);
        var over = new Dictionary<Guid, string>();
        foreach (var login in logins)
        {
            if ((enabled.Contains(login.UserId) ? policy.EndOf(login, now) : LoginEndReasons.UserDisabled) is { } reason)
            {
                over[login.Id] = reason;
            }
        }

        return over;
    }

    private async Task<string?> EndIfOverAsync(Login login, User user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var over = user.Disabled ? LoginEndReasons.UserDisabled : policy.EndOf(login, now);
        if (over is not null && login.EndedAt is null)
        {
            await EndAsync(login, over, now, cancellationToken);
        }

        return over;
    }

    private async Task EndAsync(Login login, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        login.EndedAt = now;
        login.EndReason = reason;
        await db.SaveChangesAsync(cancellationToken);
        // An ended login's tokens can never be used again: keep no rows for them.
        await db.RefreshTokens.Where(t => t.LoginId == login.Id).ExecuteDeleteAsync(cancellationToken);
    }

    private static void Touch(Login login, DateTimeOffset now, bool active)
    {
        if (active)
        {
            login.LastSeenAt = now;
        }
    }

    private string AddRefreshToken(Guid loginId, DateTimeOffset now)
    {
        var token = SecretTokens.New();
        db.RefreshTokens.Add(new RefreshToken { Hash = SecretTokens.Hash(token), LoginId = loginId, IssuedAt = now });
        return token;
    }
}

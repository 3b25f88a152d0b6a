using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Access;

/// <summary>
/// The rules of personal API tokens (issue 11): a name (1 to 64 characters, unique among the user's live tokens), at
/// least one known scope, an expiry of 1 to <see cref="MaxDays"/> days; at most <see cref="MaxLiveTokens"/> live tokens
/// per user. The secret is returned once by <see cref="CreateAsync"/> and only its hash is kept.
/// </summary>
internal sealed class ApiTokens(BastionDbContext db, TimeProvider time)
{
    public const int MaxDays = 365;
    public const int DefaultDays = 30;
    public const int MaxNameLength = 64;
    public const int MaxLiveTokens = 50;

    /// <summary>How stale <see cref="ApiToken.LastUsedAt"/> may be before a use writes it again.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(30);

    public async Task<List<ApiToken>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        [.. (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken)).OrderByDescending(t => t.CreatedAt)];

    public async Task<ChangeResult<CreatedApiToken>> CreateAsync(Guid userId, NewApiToken request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            errors.Add("name", FieldMessages.NameLength(MaxNameLength));
        }

        var scopes = (request.Scopes ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0 || scopes.Any(s => !ApiTokenScopes.All.Contains(s)))
        {
            errors.Add("scopes", FieldMessages.ScopesUnknown(ApiTokenScopes.All));
        }

        var days = request.ExpiresInDays ?? DefaultDays;
        if (days is < 1 or > MaxDays)
        {
            errors.Add("expiresInDays", FieldMessages.ExpiryRange(MaxDays));
        }

        if (errors.Count > 0)
        {
            return ChangeResult<CreatedApiToken>.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var live = (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(cancellationToken))
            .Where(t => t.IsLive(now)).ToList();
        if (live.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return ChangeResult<CreatedApiToken>.Conflict(ReplyMessages.ApiTokenNameTaken(name));
        }

        if (live.Count >= MaxLiveTokens)
        {
            return ChangeResult<CreatedApiToken>.Conflict(ReplyMessages.ApiTokensTooMany(MaxLiveTokens));
        }

        var secret = SecretTokens.New(ApiTokenScopes.Prefix);
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name,
            Scopes = string.Join(',', ApiTokenScopes.All.Where(scopes.Contains)),
            Hash = SecretTokens.Hash(secret),
            Hint = secret.Substring(ApiTokenScopes.Prefix.Length, 6),
            CreatedAt = now,
            ExpiresAt = now + TimeSpan.FromDays(days),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<CreatedApiToken>.Done(new CreatedApiToken(token, secret));
    }

    /// <summary>Revokes one of the user's own tokens; null if it is not theirs or already revoked.</summary>
    public async Task<ApiToken?> RevokeAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return null;
        }

        token.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The live token with this secret and its enabled user, or null; records the use.</summary>
    public async Task<(ApiToken Token, User User)?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(ApiTokenScopes.Prefix, StringComparison.Ordinal) || secret.Length > SecretTokens.MaxLength)
        {
            return null;
        }

        var hash = SecretTokens.Hash(secret);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        var now = time.GetUtcNow();
        if (token is null || !token.IsLive(now))
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
        if (user is null || user.Disabled)
        {
            return null;
        }

        if (token.LastUsedAt is not { } used || now - used >= TouchInterval)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return (token, user);
    }

    /// <summary>Of <paramref name="ids"/>, the API tokens that are no longer usable (revoked, expired, user disabled).</summary>
    public async Task<List<Guid>> FindOverAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        var userIds = tokens.Select(t => t.UserId).Distinct().ToList();
        var enabled = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && !u.Disabled).Select(u => u.Id).ToListAsync(cancellationToken);
        return [.. tokens.Where(t => !t.IsLive(now) || !enabled.Contains(t.UserId)).Select(t => t.Id)];
    }
}

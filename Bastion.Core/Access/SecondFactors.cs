using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Access;

/// <summary>
/// A user's second factors (issue 11): TOTP enrolment and checks, the ten recovery codes, who must have a factor,
/// and the admin's reset. TOTP secrets are encrypted with the vault's <see cref="ISecretProtector"/>; recovery codes
/// are stored hashed and shown once. Passkeys are stored here too; their ceremony is the web layer's.
/// </summary>
internal sealed class SecondFactors(BastionDbContext db, ISecretProtector protector, IOptions<AccountSecurityOptions> options, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "Bastion";

    // Crockford-style alphabet without look-alikes (0/O, 1/I/L): codes are read off paper.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public bool MustHave(User user) => options.Value.RequireMfa switch
    {
        MfaRequirement.All => true,
        MfaRequirement.Admins => user.IsInRole(Roles.Admin),
        _ => false,
    };

    public async Task<MfaStatus> StatusAsync(Guid userId, CancellationToken cancellationToken)
    {
        var totp = await db.UserTotps.AnyAsync(t => t.UserId == userId && t.Confirmed, cancellationToken);
        var codes = await db.RecoveryCodes.CountAsync(c => c.UserId == userId && c.UsedAt == null, cancellationToken);
        var passkeys = await db.Passkeys.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return new MfaStatus(totp, codes, passkeys);
    }

    /// <summary>Starts (or restarts) TOTP enrolment; a confirmed authenticator stays in force until the new one is confirmed.</summary>
    public async Task<TotpEnrolment> BeginTotpAsync(User user, CancellationToken cancellationToken)
    {
        var secret = TotpCodes.NewSecret();
        var row = await db.UserTotps.FirstOrDefaultAsync(t => t.UserId == user.Id, cancellationToken);
        if (row is { Confirmed: true })
        {
            // Replacing a working authenticator is a change of the second factor: the caller has checked a fresh one.
            db.UserTotps.Remove(row);
            row = null;
        }

        if (row is null)
        {
            db.UserTotps.Add(new UserTotp { UserId = user.Id, ProtectedSecret = protector.Protect(secret), CreatedAt = time.GetUtcNow() });
        }
        else
        {
            row.ProtectedSecret = protector.Protect(secret);
            row.LastUsedStep = 0;
            row.CreatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
        return new TotpEnrolment(secret, TotpCodes.EnrolmentUri(secret, Issuer, user.UserName));
    }

    /// <summary>Confirms a pending enrolment with its first code; returns the new recovery codes (shown once), or null
    /// when there is no pending enrolment or the code is wrong.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmTotpAsync(User user, string? code, CancellationToken cancellationToken)
    {
        var row = await db.UserTotps.FirstOrDefaultAsync(t => t.UserId == user.Id && !t.Confirmed, cancellationToken);
        if (row is null || code is null || TotpCodes.Verify(protector.Unprotect(row.ProtectedSecret), code, row.LastUsedStep, time.GetUtcNow()) is not { } step)
        {
            return null;
        }

        row.Confirmed = true;
        row.LastUsedStep = step;
        var codes = await ReplaceRecoveryCodesAsync(user.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>Checks a TOTP code or, failing that, a recovery code (which is then used up).</summary>
    public async Task<MfaCheck> VerifyAsync(Guid userId, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 64)
        {
            return MfaCheck.Invalid;
        }

        var totp = await db.UserTotps.FirstOrDefaultAsync(t => t.UserId == userId && t.Confirmed, cancellationToken);
        if (totp is not null && TotpCodes.Verify(protector.Unprotect(totp.ProtectedSecret), code.Trim(), totp.LastUsedStep, time.GetUtcNow()) is { } step)
        {
            // Saved under optimistic logic: two requests with the same code race, and only the first save may win.
            var updated = await db.UserTotps.Where(t => t.UserId == userId && t.LastUsedStep < step)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedStep, step), cancellationToken);
            return updated == 1 ? MfaCheck.Totp : MfaCheck.Invalid;
        }

        var hash = HashCode(code);
        var now = time.GetUtcNow();
        var used = await db.RecoveryCodes.Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        return used == 1 ? MfaCheck.RecoveryCode : MfaCheck.Invalid;
    }

    /// <summary>Ten new recovery codes replace the old ones (used or not).</summary>
    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken)
    {
        var codes = await ReplaceRecoveryCodesAsync(userId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    public async Task<bool> RemoveTotpAsync(Guid userId, CancellationToken cancellationToken)
    {
        var removed = await db.UserTotps.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (!await db.Passkeys.AnyAsync(p => p.UserId == userId, cancellationToken))
        {
            await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        }

        return removed > 0;
    }

    /// <summary>An admin's reset: TOTP, recovery codes and passkeys are gone; the user enrols again if they must.</summary>
    public async Task<MfaStatus> ResetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var before = await StatusAsync(userId, cancellationToken);
        await db.UserTotps.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Passkeys.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return before;
    }

    public static string HashCode(string code)
    {
        var normalized = code.Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    private async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var codes = new List<string>(RecoveryCodeCount);
        for (var i = 0; i < RecoveryCodeCount; i++)
        {
            var chars = RandomNumberGenerator.GetItems<char>(CodeAlphabet, 10);
            var code = $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
            codes.Add(code);
            db.RecoveryCodes.Add(new RecoveryCode { Id = Guid.NewGuid(), UserId = userId, CodeHash = HashCode(code) });
        }

        return codes;
    }
}

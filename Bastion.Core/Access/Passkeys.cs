using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Access;

/// <summary>
/// A user's stored passkeys (issue 11): the rules for their names and number, adding, renaming and removing them,
/// and the records the WebAuthn ceremonies read and update. The ceremonies themselves (the <c>Fido2</c> package, the
/// page's origin) are the web layer's; every query on <see cref="BastionDbContext.Passkeys"/> is here.
/// </summary>
internal sealed class Passkeys(BastionDbContext db, TimeProvider time)
{
    public const int MaxPerUser = 20;

    public const int MaxNameLength = 64;

    /// <summary>The rule a passkey's name follows, as a field message with its code.</summary>
    public static FieldMessage NameRule => FieldMessages.NameLength(MaxNameLength);

    public static FieldMessage TooMany => ReplyMessages.PasskeysTooMany(MaxPerUser);

    /// <summary>The name as stored (trimmed), or null when it breaks <see cref="NameRule"/>.</summary>
    public static string? ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is < 1 or > MaxNameLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }

    /// <summary>The credential ids of the user's passkeys: excluded from a new registration, allowed in an assertion.</summary>
    public Task<List<byte[]>> CredentialIdsAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Passkeys.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.CredentialId).ToListAsync(cancellationToken);

    /// <summary>Whether no user has registered this credential yet (WebAuthn's registration step 22).</summary>
    public async Task<bool> IsUnusedAsync(byte[] credentialId, CancellationToken cancellationToken) =>
        !await db.Passkeys.AnyAsync(p => p.CredentialId == credentialId, cancellationToken);

    /// <summary>The user's passkey with this credential id, for an assertion; null when it is not theirs.</summary>
    public Task<Passkey?> FindByCredentialAsync(Guid userId, byte[] credentialId, CancellationToken cancellationToken) =>
        db.Passkeys.FirstOrDefaultAsync(p => p.UserId == userId && p.CredentialId == credentialId, cancellationToken);

    /// <summary>A verified assertion with a passkey from <see cref="FindByCredentialAsync"/>: the authenticator's new
    /// counter and the time of use.</summary>
    public async Task RecordUseAsync(Passkey passkey, uint signCount, CancellationToken cancellationToken)
    {
        passkey.SignCount = signCount;
        passkey.LastUsedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Stores a passkey whose registration the ceremony verified.</summary>
    public async Task AddAsync(Passkey passkey, CancellationToken cancellationToken)
    {
        db.Passkeys.Add(passkey);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Renames one of the user's passkeys; the result carries the name it had.</summary>
    public async Task<ChangeResult<PasskeyRename>> RenameAsync(Guid userId, Guid id, string? name, CancellationToken cancellationToken)
    {
        if (ValidName(name) is not { } valid)
        {
            return ChangeResult<PasskeyRename>.Invalid("name", NameRule);
        }

        if (await db.Passkeys.FirstOrDefaultAsync(p => p.Id == id && p.UserId == userId, cancellationToken) is not { } passkey)
        {
            return ChangeResult<PasskeyRename>.NotFound(ReplyMessages.PasskeyNotFound);
        }

        var before = passkey.Name;
        passkey.Name = valid;
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<PasskeyRename>.Done(new PasskeyRename(passkey, before));
    }

    /// <summary>Removes one of the user's passkeys; the removed passkey, or null when the user has none with this id.</summary>
    public async Task<Passkey?> RemoveAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        if (await db.Passkeys.FirstOrDefaultAsync(p => p.Id == id && p.UserId == userId, cancellationToken) is not { } passkey)
        {
            return null;
        }

        db.Passkeys.Remove(passkey);
        await db.SaveChangesAsync(cancellationToken);
        return passkey;
    }
}

using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Inventory;

/// <summary>Named credentials several hosts share: unique names, rotation in place (every host follows at its next
/// connect), and no deletion while a host uses one. A host's own credential is <see cref="HostService"/>'s.</summary>
internal sealed class SharedCredentials(BastionDbContext db, CredentialVault vault)
{
    /// <summary>Every shared credential by name, with the number of hosts using it.</summary>
    public async Task<List<(Credential Credential, int HostCount)>> ListAsync(CancellationToken cancellationToken)
    {
        var shared = await db.Credentials.Where(c => c.Name != null).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var counts = await db.Hosts.Where(h => h.CredentialId != null).GroupBy(h => h.CredentialId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key!.Value, x => x.Count, cancellationToken);
        return [.. shared.Select(c => (c, counts.GetValueOrDefault(c.Id)))];
    }

    public Task<Credential?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Credentials.FirstOrDefaultAsync(c => c.Id == id && c.Name != null, cancellationToken);

    public Task<int> CountHostsAsync(Guid id, CancellationToken cancellationToken) => db.Hosts.CountAsync(h => h.CredentialId == id, cancellationToken);

    public async Task<ChangeResult<Credential>> CreateAsync(string name, CredentialSecrets secrets, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (await db.Credentials.AnyAsync(c => c.Name == name, cancellationToken))
        {
            return ChangeResult<Credential>.Conflict(ReplyMessages.CredentialNameTaken(name));
        }

        var credential = vault.Create(secrets.Password, secrets.PrivateKey, secrets.Passphrase, name);
        db.Credentials.Add(credential);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<Credential>.Done(credential);
    }

    /// <summary>Replaces the secrets of <paramref name="credential"/> (from <see cref="FindAsync"/>) and may rename it.</summary>
    public async Task<ChangeResult<Credential>> RotateAsync(Credential credential, string name, CredentialSecrets secrets, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (await db.Credentials.AnyAsync(c => c.Name == name && c.Id != credential.Id, cancellationToken))
        {
            return ChangeResult<Credential>.Conflict(ReplyMessages.CredentialNameTaken(name));
        }

        credential.Name = name;
        vault.Replace(credential, secrets.Password, secrets.PrivateKey, secrets.Passphrase);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<Credential>.Done(credential);
    }

    public async Task<ChangeResult<Credential>> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var credential = await FindAsync(id, cancellationToken);
        if (credential is null)
        {
            return ChangeResult<Credential>.NotFound(ReplyMessages.CredentialNotFound);
        }

        if (await db.Hosts.AnyAsync(h => h.CredentialId == id, cancellationToken))
        {
            return ChangeResult<Credential>.Conflict(ReplyMessages.CredentialInUse);
        }

        db.Credentials.Remove(credential);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<Credential>.Done(credential);
    }
}

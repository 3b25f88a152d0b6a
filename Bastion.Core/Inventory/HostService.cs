using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Inventory;

/// <summary>
/// The inventory's rules for hosts: unique names, the one-hop gateway rule, and the credential lifecycle (a host's
/// own credential lives and dies with the host; a shared one is only pointed at). Callers snapshot a host for the
/// audit log between <see cref="FindAsync"/> and a change.
/// </summary>
internal sealed class HostService(BastionDbContext db, CredentialVault vault, TimeProvider time)
{
    public static readonly FieldMessage GatewayError = FieldMessages.GatewayOneHop;

    /// <summary>The host with its credential, for showing or changing it.</summary>
    public Task<Host?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Hosts.Include(h => h.Credential).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);

    /// <summary>Every host, disabled ones too, with its credential, by name (the admins' inventory and its export).</summary>
    public Task<List<Host>> ListAllAsync(CancellationToken cancellationToken) =>
        db.Hosts.Include(h => h.Credential).OrderBy(h => h.Name).ToListAsync(cancellationToken);

    /// <summary>The host with its credential and its gateway's, for connecting to it (a key scan).</summary>
    public Task<Host?> FindForConnectionAsync(Guid id, CancellationToken cancellationToken) =>
        db.Hosts.Include(h => h.Credential).Include(h => h.Gateway).ThenInclude(g => g!.Credential)
            .FirstOrDefaultAsync(h => h.Id == id, cancellationToken);

    public async Task<ChangeResult<Host>> CreateAsync(HostChanges changes, CancellationToken cancellationToken)
    {
        var name = changes.Name.Trim();
        if (await db.Hosts.AnyAsync(h => h.Name == name, cancellationToken))
        {
            return ChangeResult<Host>.Conflict(ReplyMessages.HostNameTaken(name));
        }

        var host = new Host { Id = Guid.NewGuid(), Name = name, Address = "", UserName = "", CreatedAt = time.GetUtcNow() };
        if (await ApplyAsync(host, changes, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        db.Hosts.Add(host);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<Host>.Done(host);
    }

    /// <summary>Replaces the fields of <paramref name="host"/> (from <see cref="FindAsync"/>).</summary>
    public async Task<ChangeResult<Host>> UpdateAsync(Host host, HostChanges changes, CancellationToken cancellationToken)
    {
        var name = changes.Name.Trim();
        if (await db.Hosts.AnyAsync(h => h.Name == name && h.Id != host.Id, cancellationToken))
        {
            return ChangeResult<Host>.Conflict(ReplyMessages.HostNameTaken(name));
        }

        if (await ApplyAsync(host, changes, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<Host>.Done(host);
    }

    /// <summary>Deletes <paramref name="host"/> (from <see cref="FindAsync"/>) and its own credential; refused while
    /// it is another host's gateway.</summary>
    public async Task<ChangeResult<Host>> DeleteAsync(Host host, CancellationToken cancellationToken)
    {
        if (await db.Hosts.AnyAsync(h => h.GatewayHostId == host.Id, cancellationToken))
        {
            return ChangeResult<Host>.Conflict(ReplyMessages.HostIsGateway(host.Name));
        }

        db.Hosts.Remove(host);
        if (host.Credential is { Name: null } own)
        {
            db.Credentials.Remove(own);
        }

        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<Host>.Done(host);
    }

    /// <summary>Copies <paramref name="changes"/> onto <paramref name="host"/>; a field error for references that do
    /// not resolve (shared credential, gateway), and then nothing is changed.</summary>
    private async Task<ChangeResult<Host>?> ApplyAsync(Host host, HostChanges changes, CancellationToken cancellationToken)
    {
        // 1. The gateway: one hop only, so neither side of the tunnel may itself be part of another tunnel.
        Host? gateway = null;
        if (changes.GatewayHostId is { } gatewayId)
        {
            gateway = await db.Hosts.FirstOrDefaultAsync(h => h.Id == gatewayId, cancellationToken);
            if (gateway is null || gateway.Id == host.Id || gateway.GatewayHostId is not null
                || await db.Hosts.AnyAsync(h => h.GatewayHostId == host.Id, cancellationToken))
            {
                return ChangeResult<Host>.Invalid("gatewayHostId", GatewayError);
            }
        }

        // 2. The credential: switching to a shared one deletes the host's own; new secrets replace the own one's.
        if (changes.CredentialId is { } credentialId)
        {
            var shared = await db.Credentials.FirstOrDefaultAsync(c => c.Id == credentialId && c.Name != null, cancellationToken);
            if (shared is null)
            {
                return ChangeResult<Host>.Invalid("credentialId", FieldMessages.CredentialUnknown);
            }

            if (host.Credential is { Name: null } own && own.Id != shared.Id)
            {
                db.Credentials.Remove(own);
            }

            host.Credential = shared;
            host.CredentialId = shared.Id;
        }
        else if (changes.HasSecret)
        {
            if (host.Credential is { Name: null } own)
            {
                vault.Replace(own, changes.Password, changes.PrivateKey, changes.Passphrase);
            }
            else
            {
                host.Credential = vault.Create(changes.Password, changes.PrivateKey, changes.Passphrase);
            }
        }

        // 3. The plain fields, in their stored forms.
        host.Name = changes.Name.Trim();
        host.Address = changes.Address.Trim();
        host.Port = changes.Port;
        host.UserName = changes.UserName.Trim();
        host.Description = string.IsNullOrWhiteSpace(changes.Description) ? null : changes.Description.Trim();
        host.Labels = HostTags.FormatLabels(changes.Labels);
        host.Groups = HostTags.FormatGroups(changes.Groups);
        host.Enabled = changes.Enabled;
        host.RecordInput = changes.RecordInput;
        host.RequireMfa = changes.RequireMfa;
        host.IdleTimeoutSeconds = changes.IdleTimeoutSeconds;
        host.MaxDurationSeconds = changes.MaxDurationSeconds;
        host.MaxSessionsPerUser = changes.MaxSessionsPerUser;
        host.Charset = string.IsNullOrWhiteSpace(changes.Charset) ? "utf-8" : changes.Charset.Trim().ToLowerInvariant();
        host.GatewayHostId = gateway?.Id;
        host.Gateway = gateway;

        // 4. A new pin drops the old key's type, which described another key.
        if (changes.HostKeyFingerprint is { } pin && pin != host.HostKeyFingerprint)
        {
            host.HostKeyFingerprint = pin;
            host.HostKeyType = null;
        }

        return null;
    }
}

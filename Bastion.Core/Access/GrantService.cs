using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Access;

/// <summary>Creating and revoking grants: exactly one subject (user or user group) and one target (host, host group
/// or label selector), each of which must exist or be well formed. <see cref="AccessPolicy"/> evaluates them.</summary>
internal sealed class GrantService(BastionDbContext db, TimeProvider time)
{
    public async Task<List<Grant>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await db.Grants.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(g => g.CreatedAt)];

    public async Task<ChangeResult<Grant>> CreateAsync(NewGrant request, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(request, cancellationToken);
        if (errors.Count > 0)
        {
            return ChangeResult<Grant>.Invalid(errors);
        }

        var grant = new Grant
        {
            Id = Guid.NewGuid(),
            UserId = Guid.TryParse(request.UserId, out var u) ? u : null,
            UserGroup = string.IsNullOrWhiteSpace(request.UserGroup) ? null : request.UserGroup.Trim(),
            HostId = Guid.TryParse(request.HostId, out var h) ? h : null,
            HostGroup = string.IsNullOrWhiteSpace(request.HostGroup) ? null : request.HostGroup.Trim(),
            LabelSelector = string.IsNullOrWhiteSpace(request.LabelSelector) ? null : request.LabelSelector.Trim(),
            NotBefore = request.NotBefore,
            NotAfter = request.NotAfter,
            LoginOverride = string.IsNullOrWhiteSpace(request.Login) ? null : request.Login.Trim(),
            AllowUpload = request.AllowUpload,
            AllowDownload = request.AllowDownload,
            CreatedAt = time.GetUtcNow(),
        };
        db.Grants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<Grant>.Done(grant);
    }

    /// <summary>Turns file upload or download on or off for one grant (null leaves that flag as it is); the next
    /// transfer request checks it, so no live session needs ending.</summary>
    public async Task<ChangeResult<GrantTransferChange>> SetTransferAsync(Guid id, bool? allowUpload, bool? allowDownload, CancellationToken cancellationToken)
    {
        var grant = await db.Grants.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (grant is null)
        {
            return ChangeResult<GrantTransferChange>.NotFound(ReplyMessages.GrantNotFound);
        }

        var change = new GrantTransferChange(grant, grant.AllowUpload, grant.AllowDownload);
        grant.AllowUpload = allowUpload ?? grant.AllowUpload;
        grant.AllowDownload = allowDownload ?? grant.AllowDownload;
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<GrantTransferChange>.Done(change);
    }

    /// <summary>Deletes the grant; the caller asks the live sessions to re-check, so those it allowed end.</summary>
    public async Task<ChangeResult<Grant>> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var grant = await db.Grants.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (grant is null)
        {
            return ChangeResult<Grant>.NotFound(ReplyMessages.GrantNotFound);
        }

        db.Grants.Remove(grant);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<Grant>.Done(grant);
    }

    private async Task<FieldErrors> ValidateAsync(NewGrant request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var subjects = (string.IsNullOrWhiteSpace(request.UserId) ? 0 : 1) + (string.IsNullOrWhiteSpace(request.UserGroup) ? 0 : 1);
        var targets = (string.IsNullOrWhiteSpace(request.HostId) ? 0 : 1) + (string.IsNullOrWhiteSpace(request.HostGroup) ? 0 : 1)
            + (string.IsNullOrWhiteSpace(request.LabelSelector) ? 0 : 1);
        if (subjects != 1)
        {
            errors.Add("userId", FieldMessages.GrantOneSubject);
        }
        else if (Guid.TryParse(request.UserId, out var userId) ? !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken) : request.UserId is { Length: > 0 })
        {
            errors.Add("userId", FieldMessages.UserUnknown);
        }
        else if (request.UserGroup is { Length: > 0 } ug && !HostTags.IsValidName(ug.Trim()))
        {
            errors.Add("userGroup", UserAccounts.GroupError);
        }

        if (targets != 1)
        {
            errors.Add("hostId", FieldMessages.GrantOneTarget);
        }
        else if (Guid.TryParse(request.HostId, out var hostId) ? !await db.Hosts.AnyAsync(h => h.Id == hostId, cancellationToken) : request.HostId is { Length: > 0 })
        {
            errors.Add("hostId", FieldMessages.HostUnknown);
        }
        else if (request.HostGroup is { Length: > 0 } hg && !HostTags.IsValidName(hg.Trim()))
        {
            errors.Add("hostGroup", UserAccounts.GroupError);
        }
        else if (request.LabelSelector is { Length: > 0 } selector && HostTags.ParseSelector(selector) is null)
        {
            errors.Add("labelSelector", FieldMessages.LabelSelectorFormat);
        }

        if (request.NotBefore is { } nb && request.NotAfter is { } na && na <= nb)
        {
            errors.Add("notAfter", FieldMessages.NotAfterOrder);
        }

        if (request.Login is { } login && (login.Trim().Length is 0 or > 64))
        {
            errors.Add("login", FieldMessages.GrantLoginLength);
        }

        return errors;
    }
}

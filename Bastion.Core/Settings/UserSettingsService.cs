using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Settings;

/// <summary>Reads and saves one user's <see cref="UserSettings"/>; the caller passes the signed-in user's id, so
/// nobody reaches another user's row.</summary>
internal sealed class UserSettingsService(BastionDbContext db, TimeProvider time)
{
    /// <summary>The user's saved settings, or the defaults when they never saved any.</summary>
    public async Task<UserSettings> GetAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.UserSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, cancellationToken)
            ?? UserSettingsRules.Defaults(userId);

    public async Task<ChangeResult<UserSettings>> SaveAsync(Guid userId, UserSettingsChange change, CancellationToken cancellationToken)
    {
        var errors = UserSettingsRules.Validate(change);
        return errors.Count > 0
            ? ChangeResult<UserSettings>.Invalid(errors)
            : ChangeResult<UserSettings>.Done(await SaveValidAsync(userId, change, retried: false, cancellationToken));
    }

    private async Task<UserSettings> SaveValidAsync(Guid userId, UserSettingsChange change, bool retried, CancellationToken cancellationToken)
    {
        var settings = await db.UserSettings.FirstOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (settings is null)
        {
            settings = UserSettingsRules.Defaults(userId);
            db.UserSettings.Add(settings);
        }

        UserSettingsRules.Apply(settings, change);
        settings.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!retried && db.Entry(settings).State == EntityState.Added)
        {
            // Two first saves of the same user raced (two tabs): the other row won; apply this change on top of it.
            db.Entry(settings).State = EntityState.Detached;
            return await SaveValidAsync(userId, change, retried: true, cancellationToken);
        }

        return settings;
    }
}

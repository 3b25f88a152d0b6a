using Bastion.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Storage;

internal sealed partial class BastionDbContext
{
    public DbSet<UserSettings> UserSettings => Set<UserSettings>();
}

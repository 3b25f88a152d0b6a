using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Storage;

internal sealed partial class BastionDbContext
{
    public DbSet<StoredKey> StoredKeys => Set<StoredKey>();

    public DbSet<SharedSecret> SharedSecrets => Set<SharedSecret>();
}

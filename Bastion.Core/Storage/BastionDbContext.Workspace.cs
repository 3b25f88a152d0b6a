using Bastion.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Storage;

internal sealed partial class BastionDbContext
{
    public DbSet<FavouriteHost> FavouriteHosts => Set<FavouriteHost>();
}

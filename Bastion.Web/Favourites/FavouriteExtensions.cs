using Bastion.Core.Inventory;

namespace Bastion.Web.Favourites;

internal static class FavouriteExtensions
{
    public static void AddBastionFavourites(this IServiceCollection services) => services.AddScoped<HostShortcuts>();
}

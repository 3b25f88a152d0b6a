using Bastion.Core.Access;

namespace Bastion.Web.Admin;

/// <summary>Users and grants: the admin's half of access control (the inventory is in <c>Web/Inventory</c>).</summary>
internal static class AdminExtensions
{
    public static void AddBastionAdmin(this IServiceCollection services)
    {
        services.AddSingleton<IUserPasswordHasher, IdentityPasswordHasher>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<GrantService>();
    }

    public static void MapAdminEndpoints(this WebApplication app)
    {
        app.MapUserEndpoints();
        app.MapGrantEndpoints();
    }
}

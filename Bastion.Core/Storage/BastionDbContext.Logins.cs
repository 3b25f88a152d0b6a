using Bastion.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Storage;

internal sealed partial class BastionDbContext
{
    public DbSet<Login> Logins => Set<Login>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
}

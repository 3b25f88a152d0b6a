using Bastion.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Storage;

internal sealed partial class BastionDbContext
{
    public DbSet<AccountLockout> AccountLockouts => Set<AccountLockout>();

    public DbSet<UserTotp> UserTotps => Set<UserTotp>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<Passkey> Passkeys => Set<Passkey>();
}

using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bastion.Core.Storage;

/// <summary>
/// The one database. Partial so each feature folder can add its own sets; entity shapes live in
/// <c>IEntityTypeConfiguration</c> classes next to this file and are picked up from the assembly.
/// </summary>
internal sealed partial class BastionDbContext(DbContextOptions<BastionDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Host> Hosts => Set<Host>();

    public DbSet<Credential> Credentials => Set<Credential>();

    public DbSet<Grant> Grants => Set<Grant>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BastionDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset; UTC ticks sort correctly on every provider.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

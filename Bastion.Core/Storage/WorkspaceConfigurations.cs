using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bastion.Core.Storage;

/// <summary>A user's starred hosts: the pair is the key (so it is unique), and the row goes with the user or the host.</summary>
internal sealed class FavouriteHostConfiguration : IEntityTypeConfiguration<FavouriteHost>
{
    public void Configure(EntityTypeBuilder<FavouriteHost> builder)
    {
        builder.ToTable("FavouriteHosts");
        builder.HasKey(f => new { f.UserId, f.HostId });
        builder.HasIndex(f => f.HostId);
        builder.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Host>().WithMany().HasForeignKey(f => f.HostId).OnDelete(DeleteBehavior.Cascade);
    }
}

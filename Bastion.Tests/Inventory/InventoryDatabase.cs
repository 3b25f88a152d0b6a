using Bastion.Core.Inventory;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Host = Bastion.Core.Inventory.Host;

namespace Bastion.Tests.Inventory;

/// <summary>A real SQLite file with Bastion's schema, for unit tests of the Core inventory and access services. Each
/// <see cref="NewContext"/> is a fresh context on the same file, so a test sees what was saved, not what was tracked.</summary>
internal sealed class InventoryDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bastion-inventory-").FullName;

    public InventoryDatabase()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public BastionDbContext NewContext(params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<BastionDbContext>().UseSqlite($"Data Source={Path.Combine(_directory, "bastion.db")};Pooling=False")
            .AddInterceptors(interceptors).Options);

    public Host AddHost(string name, Guid? gatewayHostId = null)
    {
        var host = new Host { Id = Guid.NewGuid(), Name = name, Address = "10.0.0.1", UserName = "deploy", GatewayHostId = gatewayHostId };
        using var db = NewContext();
        db.Hosts.Add(host);
        db.SaveChanges();
        return host;
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }
}

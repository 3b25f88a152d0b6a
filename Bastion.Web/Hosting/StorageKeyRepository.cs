using System.Xml.Linq;
using Bastion.Core.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Hosting;

/// <summary>
/// The Data Protection key ring in the database (table <c>DataProtectionKeys</c>), so every node decrypts what any
/// node encrypted. Elements arrive here already encrypted to the key-ring certificate when one is configured.
/// </summary>
internal sealed class StorageKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        return [.. db.StoredKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).AsEnumerable().Select(x => XElement.Parse(x))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        db.StoredKeys.Add(new StoredKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

using Bastion.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Hosting;

/// <summary>
/// Secrets all nodes share through the database (the JWT signing key when <c>Auth:SigningKey</c> is not set),
/// protected by the shared Data Protection key ring. The first node to ask generates and inserts the value; a node
/// that loses the race reads the winner's.
/// </summary>
internal sealed class SharedSecrets(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time)
{
    public const string JwtSigningKey = "jwt-signing-key";

    public byte[] GetOrCreate(string name, Func<byte[]> create)
    {
        var protector = protection.CreateProtector("Bastion.SharedSecrets", name);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        var row = db.SharedSecrets.AsNoTracking().FirstOrDefault(s => s.Name == name);
        if (row is null)
        {
            db.SharedSecrets.Add(new SharedSecret
            {
                Name = name,
                Value = Convert.ToBase64String(protector.Protect(create())),
                CreatedMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            });
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another node inserted it first (primary key on the name): use theirs, below.
                db.ChangeTracker.Clear();
            }

            row = db.SharedSecrets.AsNoTracking().First(s => s.Name == name);
        }

        return protector.Unprotect(Convert.FromBase64String(row.Value));
    }
}

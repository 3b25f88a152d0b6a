namespace Bastion.Core.Inventory;

/// <summary>Encrypts credential secrets at rest (ASP.NET Core Data Protection in the web host).</summary>
internal interface ISecretProtector
{
    string Protect(string plaintext);

    string Unprotect(string protectedValue);
}

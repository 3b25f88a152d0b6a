namespace Bastion.Core.Access;

/// <summary>Turns a password into the stored hash. The web host uses ASP.NET Core Identity's PBKDF2 hasher, which
/// Core does not reference; unit tests use a visible fake.</summary>
internal interface IUserPasswordHasher
{
    string Hash(User user, string password);
}

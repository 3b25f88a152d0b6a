using Bastion.Core.Access;

namespace Bastion.Tests.Access;

/// <summary>A visible stand-in for PBKDF2, so a test can read which password was stored for whom.</summary>
internal sealed class FakePasswordHasher : IUserPasswordHasher
{
    public string Hash(User user, string password) => $"hashed:{user.Id}:{password}";
}

using Bastion.Core.Inventory;

namespace Bastion.Tests.Inventory;

/// <summary>A reversible, visibly fake protector: unit tests can see that a value was protected (and by whom)
/// without a Data Protection key ring. <see cref="Protected"/> counts calls, so a test can tell a kept secret from a
/// re-encrypted one.</summary>
internal sealed class FakeSecretProtector : ISecretProtector
{
    private const string Prefix = "fake-protected:";

    public int Protected { get; private set; }

    public string Protect(string plaintext)
    {
        Protected++;
        return Prefix + plaintext;
    }

    public string Unprotect(string protectedValue) =>
        protectedValue.StartsWith(Prefix, StringComparison.Ordinal)
            ? protectedValue[Prefix.Length..]
            : throw new InvalidOperationException("not protected by this protector");
}

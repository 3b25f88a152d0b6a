using Bastion.Core.Ssh;
using Microsoft.Extensions.Configuration;
using Renci.SshNet;

namespace Bastion.Tests.Unit;

public sealed class SshAlgorithmsTests
{
    private static ConnectionInfo NewConnectionInfo() =>
        new("127.0.0.1", 22, "u", new NoneAuthenticationMethod("u"));

    [Fact]
    public void Defaults_OfferOnlyStrongCiphers_InPreferenceOrder()
    {
        var info = NewConnectionInfo();
        SshAlgorithms.Apply(info, new SshOptions());
        Assert.Equal(SshOptions.DefaultCiphers.Where(info.Encryptions.ContainsKey), info.Encryptions.Keys);
        Assert.DoesNotContain(info.Encryptions.Keys, k => k.Contains("cbc", StringComparison.Ordinal) || k.Contains("3des", StringComparison.Ordinal));
        Assert.DoesNotContain(info.HmacAlgorithms.Keys, k => k.Contains("sha1", StringComparison.Ordinal) || k.Contains("md5", StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_ReplacesTheDefaults_RatherThanAppending()
    {
        var options = new SshOptions();
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ciphers:0"] = "aes256-ctr", ["Ciphers:1"] = "no-such-cipher" })
            .Build().Bind(options);
        var info = NewConnectionInfo();

        SshAlgorithms.Apply(info, options);

        Assert.Equal(["aes256-ctr"], info.Encryptions.Keys);
    }
}

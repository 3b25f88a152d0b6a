using System.Text;
using Bastion.Core.Ssh;
using Bastion.Core.Terminal;
using Bastion.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Bastion.Tests.Terminal;

/// <summary>The connector tells its <see cref="IHostKeyObserver"/> about refused keys (for the admins' review queue),
/// and only about refused keys.</summary>
public sealed class HostKeyObserverTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    private async Task<(SshConnectResult Result, RecordingHostKeyObserver Observer, Guid HostId)> ConnectAsync(string? pin)
    {
        var observer = new RecordingHostKeyObserver();
        var connector = new SshConnector(Options.Create(new SshOptions()), Options.Create(new TerminalOptions()), observer);
        var hostId = Guid.NewGuid();
        var result = await connector.ConnectAsync(new SshTarget
        {
            HostName = "test",
            HostId = hostId,
            Address = sshd.Server.Host,
            Port = sshd.Server.Port,
            UserName = sshd.Server.UserName,
            PrivateKey = sshd.Server.ClientPrivateKeyText,
            PinnedFingerprint = pin,
        }, 80, 24, Encoding.UTF8, CancellationToken.None).WithTimeout();
        return (result, observer, hostId);
    }

    [Fact]
    public async Task MismatchedKey_IsRefused_AndTheObserverSeesTheOfferedKey()
    {
        var (result, observer, hostId) = await ConnectAsync("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(ConnectFailure.HostKeyMismatch, result.Failure);
        var refused = Assert.Single(observer.Refused);
        Assert.Equal(hostId, refused.HostId);
        Assert.Equal(sshd.Server.HostKeyFingerprint, refused.Fingerprint);
    }

    [Fact]
    public async Task PinnedKey_IsAccepted_AndTheObserverHearsNothing()
    {
        var (result, observer, _) = await ConnectAsync(sshd.Server.HostKeyFingerprint);
        await using var shell = result.Shell;

        Assert.Equal(ConnectFailure.None, result.Failure);
        Assert.Empty(observer.Refused);
    }
}

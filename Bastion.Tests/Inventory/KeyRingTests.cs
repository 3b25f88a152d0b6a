using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bastion.Tests.Inventory;

/// <summary>The Data Protection key ring: encrypted to a configured certificate, owner-only without one, and secrets
/// encrypted with it survive a restart either way.</summary>
public sealed class KeyRingTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task WithACertificate_KeyRingIsEncrypted_AndCredentialsSurviveARestart()
    {
        var dataDir = Directory.CreateTempSubdirectory("bastion-keyring-").FullName;
        var pfx = Path.Combine(Path.GetTempPath(), $"bastion-keyring-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=bastion-key-ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password")).WithTimeout();
        }

        // SQLite on every run: the test reads the key files (on PostgreSQL the ring is in the database).
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "sqlite",
            ["Bastion:KeyRingCertificatePath"] = pfx,
            ["Bastion:KeyRingCertificatePassword"] = "pfx-password",
        };
        string hostId;
        await using (var first = await BastionServer.StartAsync(settings, dataDir))
        {
            first.KeepDataDir = true;
            hostId = await first.AddHostAsync(await first.LoginAsync(), sshd.Server);
        }

        var keyFiles = Directory.GetFiles(Path.Combine(dataDir, "keys"), "*.xml");
        Assert.NotEmpty(keyFiles);
        foreach (var file in keyFiles)
        {
            var xml = await File.ReadAllTextAsync(file).WithTimeout();
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }

        await using (var second = await BastionServer.StartAsync(settings, dataDir))
        {
            var token = await second.LoginAsync();
            var ticket = await second.IssueTicketAsync(token, hostId);
            await using var terminal = await TerminalClient.ConnectAsync(second.WebSocketUri($"/ws/terminal/{hostId}?ticket={Uri.EscapeDataString(ticket)}"));
            await terminal.SendInputAsync("echo restarted-$((6+6))\r");
            await terminal.WaitForOutputAsync("restarted-12");
        }

        File.Delete(pfx);
    }

    [Fact]
    public async Task WithoutACertificate_KeyRingDirectoryIsOwnerOnly()
    {
        await using var server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Storage:Provider"] = "sqlite" });
        await server.AddHostAsync(await server.LoginAsync(), sshd.Server);

        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(Path.Combine(server.DataDir, "keys"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mode);
    }
}

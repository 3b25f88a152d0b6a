namespace Bastion.Tests.Transfer;

/// <summary>
/// A deployment for the file transfer tests: an sshd that runs OpenSSH's <c>sftp-server</c> (the shared fixture's
/// sshd has no <c>Subsystem</c> line, so it is the host without SFTP), and one Bastion against it.
/// </summary>
public sealed class TransferFixture : IAsyncLifetime
{
    public const string SftpServerPath = "/usr/lib/openssh/sftp-server";

    /// <summary>Starting a deployment (with BASTION_TEST_STORAGE=postgres: a database and its migrations) on a machine
    /// shared by many builds takes longer than one request's timeout.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private SshdServer? _sftpSshd;
    private SshdServer? _plainSshd;
    private BastionFixture? _bastion;

    public SshdServer SftpSshd => _sftpSshd!;

    /// <summary>The same sshd without an SFTP subsystem.</summary>
    public SshdServer PlainSshd => _plainSshd!;

    public BastionFixture Bastion => _bastion!;

    public async Task InitializeAsync()
    {
        _sftpSshd = new SshdServer($"Subsystem sftp {SftpServerPath}");
        await _sftpSshd.StartAsync(CancellationToken.None).WithTimeout();
        _plainSshd = new SshdServer();
        await _plainSshd.StartAsync(CancellationToken.None).WithTimeout();
        _bastion = await BastionFixture.StartAsync(_sftpSshd, new Dictionary<string, string>
        {
            ["Terminal:DetachedGrace"] = "00:00:00",
            // Every request checks a connection it reuses, so a killed one is found by the check, not by timing.
            ["Transfer:ProbeAfterIdle"] = "00:00:00",
            ["Transfer:MaxFileBytes"] = (64L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).WithTimeout(StartTimeout);
    }

    public async Task DisposeAsync()
    {
        if (_bastion is not null)
        {
            await _bastion.DisposeAsync();
        }

        if (_plainSshd is not null)
        {
            await _plainSshd.DisposeAsync();
        }

        if (_sftpSshd is not null)
        {
            await _sftpSshd.DisposeAsync();
        }
    }
}

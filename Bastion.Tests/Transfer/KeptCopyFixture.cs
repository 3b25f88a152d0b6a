namespace Bastion.Tests.Transfer;

/// <summary>A deployment with <c>Transfer:KeepCopies</c> on, a per-file bound of 1 MiB and a total of 4 MiB, against
/// an sshd of its own that runs OpenSSH's <c>sftp-server</c>.</summary>
public sealed class KeptCopyFixture : IAsyncLifetime
{
    public const long MaxFileBytes = 1024 * 1024;

    private SshdServer? _sshd;
    private BastionFixture? _bastion;

    public SshdServer Sshd => _sshd!;

    public BastionFixture Bastion => _bastion!;

    public async Task InitializeAsync()
    {
        _sshd = new SshdServer($"Subsystem sftp {TransferFixture.SftpServerPath}");
        await _sshd.StartAsync(CancellationToken.None).WithTimeout();
        _bastion = await BastionFixture.StartAsync(_sshd, new Dictionary<string, string>
        {
            ["Terminal:DetachedGrace"] = "00:00:00",
            ["Transfer:KeepCopies"] = "true",
            ["Transfer:KeepCopiesMaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Transfer:KeepCopiesMaxTotalBytes"] = (4 * MaxFileBytes).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).WithTimeout(TransferFixture.StartTimeout);
    }

    public async Task DisposeAsync()
    {
        if (_bastion is not null)
        {
            await _bastion.DisposeAsync();
        }

        if (_sshd is not null)
        {
            await _sshd.DisposeAsync();
        }
    }
}

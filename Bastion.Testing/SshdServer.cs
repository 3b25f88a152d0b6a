using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Bastion.Testing;

/// <summary>
/// A real OpenSSH sshd (<c>/usr/sbin/sshd -D -e</c>) on 127.0.0.1, with its own host key, client key pair and config
/// in a temporary directory. Logs in as <see cref="UserName"/> with <see cref="Password"/> or the client key.
/// Needs root (see <see cref="SshdLoginUser"/>). Stopping kills sshd and every session it forked.
/// </summary>
public sealed partial class SshdServer : IAsyncDisposable
{
    private const string SshdPath = "/usr/sbin/sshd";
    private const string KeygenPath = "/usr/bin/ssh-keygen";
    private const int BindAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _logLock = new();
    private readonly StringBuilder _log = new();
    private TaskCompletionSource _logAppended = NewSignal();
    private Process? _process;
    private string? _password;
    private string? _clientPrivateKeyText;
    private string? _hostKeyFingerprint;
    private string? _hostKeyPublicLine;
    private bool _disposed;

    /// <param name="extraConfigLines">
    /// sshd_config lines written before the defaults, so they win (sshd keeps the first value of each keyword).
    /// Lines from the first <c>Match</c> on go after the defaults, where Match blocks must be.
    /// </param>
    public SshdServer(params IEnumerable<string> extraConfigLines)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("SshdServer runs OpenSSH's sshd as root and needs Linux.");
        }

        ExtraConfigLines = [.. extraConfigLines];
        DirectoryPath = Directory.CreateTempSubdirectory("bastion-sshd-").FullName;
        // The login user reads authorized_keys and runs ForceCommand scripts from here.
        File.SetUnixFileMode(DirectoryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public string Host { get; } = "127.0.0.1";

    /// <summary>Chosen by <see cref="StartAsync"/>; kept across restarts.</summary>
    public int Port { get; private set; }

    public string UserName { get; } = SshdLoginUser.Name;

    public string Password => _password ?? throw NotStarted();

    public string DirectoryPath { get; }

    /// <summary>Config lines used by the next start or restart; see the constructor.</summary>
    public IList<string> ExtraConfigLines { get; }

    public string ClientPrivateKeyPath => Path.Combine(DirectoryPath, "client");

    /// <summary>The OpenSSH-format private key ("-----BEGIN OPENSSH PRIVATE KEY-----"), unencrypted.</summary>
    public string ClientPrivateKeyText => _clientPrivateKeyText ?? throw NotStarted();

    /// <summary>As printed by <c>ssh-keygen -lf</c>: "SHA256:" + unpadded base64 of SHA-256(key blob).</summary>
    public string HostKeyFingerprint => _hostKeyFingerprint ?? throw NotStarted();

    /// <summary>The host key's .pub line: "ssh-ed25519 AAAA... bastion-test-host".</summary>
    public string HostKeyPublicLine => _hostKeyPublicLine ?? throw NotStarted();

    public bool IsRunning => _process is { HasExited: false };

    private string HostKeyPath => Path.Combine(DirectoryPath, "hostkey");

    private string ConfigPath => Path.Combine(DirectoryPath, "sshd_config");

    /// <summary>Writes an executable script (mode 755) into <see cref="DirectoryPath"/>, e.g. for ForceCommand.</summary>
    public string WriteScript(string fileName, string content)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("SshdServer runs OpenSSH's sshd as root and needs Linux.");
        }

        var path = Path.Combine(DirectoryPath, fileName);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }

    /// <summary>Creates keys and config, starts sshd and returns once it listens (bounded by 10 s).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("SshdServer runs OpenSSH's sshd as root and needs Linux.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_process is not null)
        {
            throw new InvalidOperationException("sshd is already running; use RestartAsync.");
        }

        // 1. The login user and its password (once per process).
        _password = await SshdLoginUser.EnsureAsync(cancellationToken);

        // 2. Keys: a host key, and a client key pair that authorized_keys accepts.
        await GenerateHostKeyAsync(cancellationToken);
        if (!File.Exists(ClientPrivateKeyPath))
        {
            await GenerateKeyAsync(ClientPrivateKeyPath, "bastion-test-client", cancellationToken);
            var authorizedKeys = Path.Combine(DirectoryPath, "authorized_keys");
            File.Copy(ClientPrivateKeyPath + ".pub", authorizedKeys, overwrite: true);
            File.SetUnixFileMode(authorizedKeys, UnixFileMode.UserRead | UnixFileMode.UserWrite
                | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            _clientPrivateKeyText = await File.ReadAllTextAsync(ClientPrivateKeyPath, cancellationToken);
        }

        // 3. A free port; FreePort can race with other tests, so retry when sshd reports the port taken.
        for (var attempt = 1; attempt <= BindAttempts; attempt++)
        {
            Port = FreePort.Get();
            var logStart = LogLength;
            if (await TryLaunchAsync(cancellationToken))
            {
                return;
            }

            if (!LogSince(logStart).Contains("Address already in use", StringComparison.Ordinal))
            {
                break;
            }
        }

        throw ExitedEarly();
    }

    /// <summary>Stops sshd (killing live sessions) and starts it again on the same port with the current config.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await StopAsync();
        await LaunchOrThrowAsync(cancellationToken);
    }

    /// <summary>Replaces the host key, then restarts on the same port; <see cref="HostKeyFingerprint"/> changes.</summary>
    public async Task RegenerateHostKeyAndRestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await StopAsync();
        await GenerateHostKeyAsync(cancellationToken);
        await LaunchOrThrowAsync(cancellationToken);
    }

    /// <summary>
    /// Kills sshd and every process it forked (per-connection sshd, user shells), so existing sessions drop too,
    /// and waits for them to exit. New connections are then refused.
    /// </summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        OrphanWatch.Release(process.Id);
        try
        {
            // Kill(true) SIGSTOPs sshd before walking its children, so a connection accepted meanwhile is not orphaned.
            process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(StopTimeout);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (process.HasExited)
        {
            // sshd is gone but a stray descendant still holds the stderr pipe; stop reading it.
            process.CancelErrorRead();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"sshd (pid {process.Id}) did not exit within {StopTimeout} of SIGKILL.");
        }
        finally
        {
            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A session killed a moment ago may still be closing a file in here; /tmp is cleaned eventually.
        }
    }

    private static InvalidOperationException NotStarted() => new("Call SshdServer.StartAsync first.");

    private async Task GenerateHostKeyAsync(CancellationToken cancellationToken)
    {
        File.Delete(HostKeyPath);
        File.Delete(HostKeyPath + ".pub");
        await GenerateKeyAsync(HostKeyPath, "bastion-test-host", cancellationToken);
        _hostKeyPublicLine = (await File.ReadAllTextAsync(HostKeyPath + ".pub", cancellationToken)).Trim();

        // "256 SHA256:Oait...k5k bastion-test-host (ED25519)"
        var listing = await ToolRunner.RunCheckedAsync(KeygenPath, ["-l", "-E", "sha256", "-f", HostKeyPath + ".pub"], cancellationToken);
        var fingerprint = listing.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        _hostKeyFingerprint = fingerprint is not null && fingerprint.StartsWith("SHA256:", StringComparison.Ordinal)
            ? fingerprint
            : throw new InvalidOperationException($"Unexpected ssh-keygen -lf output: {listing}");
    }

    private static Task<string> GenerateKeyAsync(string path, string comment, CancellationToken cancellationToken) =>
        ToolRunner.RunCheckedAsync(KeygenPath, ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path], cancellationToken);
}

using System.Diagnostics;
using System.Text;

namespace Bastion.Testing;

public sealed partial class SshdServer
{
    private const UnixFileMode PrivilegeSeparationDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite
        | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead
        | UnixFileMode.OtherExecute;

    private async Task LaunchOrThrowAsync(CancellationToken cancellationToken)
    {
        if (!await TryLaunchAsync(cancellationToken))
        {
            throw ExitedEarly();
        }
    }

    private InvalidOperationException ExitedEarly() =>
        new($"sshd exited before listening on {Host}:{Port}. Everything it wrote to stderr:\n{Log}");

    /// <summary>
    /// Starts sshd and waits for its "Server listening" line, which it logs right after listen(): from then on the
    /// port accepts TCP connections. Returns false if sshd exits first (the reason is in <see cref="Log"/>).
    /// </summary>
    private async Task<bool> TryLaunchAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("SshdServer runs OpenSSH's sshd as root and needs Linux.");
        }

        // sshd's privilege separation directory; Debian's service unit creates it, a container has none.
        Directory.CreateDirectory("/run/sshd", PrivilegeSeparationDirectoryMode);
        await File.WriteAllTextAsync(ConfigPath, BuildConfig(), cancellationToken);

        var startInfo = new ProcessStartInfo(SshdPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-D", "-e", "-f", ConfigPath])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += OnOutput;
        process.ErrorDataReceived += OnOutput;
        var logStart = LogLength;
        process.Start();
        _process = process;
        OrphanWatch.Start(process.Id);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var listening = $"Server listening on {Host} port {Port}.";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (true)
            {
                var appended = LogAppended;
                if (LogSince(logStart).Contains(listening, StringComparison.Ordinal))
                {
                    return true;
                }

                if (process.HasExited)
                {
                    // Also waits for the end of stderr, so the log holds sshd's last words.
                    await process.WaitForExitAsync(timeout.Token);
                    _process = null;
                    OrphanWatch.Release(process.Id);
                    process.Dispose();
                    return false;
                }

                await Task.WhenAny(appended, process.WaitForExitAsync(timeout.Token));
                timeout.Token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
            await StopAsync();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException(
                $"sshd did not report listening on {Host}:{Port} within {StartTimeout}. Everything it wrote to stderr:\n{Log}");
        }
    }

    private void OnOutput(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not null)
        {
            AppendLog(e.Data);
        }
    }

    private string BuildConfig()
    {
        var matchIndex = ExtraConfigLines.ToList().FindIndex(
            l => l.TrimStart().StartsWith("Match ", StringComparison.OrdinalIgnoreCase));
        var beforeDefaults = matchIndex < 0 ? ExtraConfigLines : ExtraConfigLines.Take(matchIndex);
        var afterDefaults = matchIndex < 0 ? [] : ExtraConfigLines.Skip(matchIndex);

        var config = new StringBuilder();
        config.AppendLine("# Written by Bastion.Testing SshdServer. Extra lines come first: sshd keeps the first value of a keyword.");
        foreach (var line in beforeDefaults)
        {
            config.AppendLine(line);
        }

        config.AppendLine($"""
            Port {Port}
            ListenAddress {Host}
            HostKey {HostKeyPath}
            PidFile {Path.Combine(DirectoryPath, "sshd.pid")}
            UsePAM yes
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            PermitRootLogin no
            AuthorizedKeysFile {Path.Combine(DirectoryPath, "authorized_keys")}
            # The temp directory sits under /tmp, which is world-writable: StrictModes would refuse authorized_keys.
            StrictModes no
            # VERBOSE logs every auth attempt ("Accepted key", "Failed password"); see LogShowsAuthenticationAttempt.
            LogLevel VERBOSE
            MaxStartups 2000:30:4000
            MaxSessions 1000
            UseDNS no
            PrintMotd no
            PrintLastLog no
            X11Forwarding no
            AcceptEnv LANG LC_*
            """);
        foreach (var line in afterDefaults)
        {
            config.AppendLine(line);
        }

        return config.ToString();
    }
}

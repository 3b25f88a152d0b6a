using System.Security.Cryptography;

namespace Bastion.Testing;

/// <summary>
/// The local account every test sshd logs in as. Created once per machine; its password is random per machine and
/// kept in a root-only file, so concurrent test processes (two test assemblies, a scratch run next to CI) all set the
/// same value with chpasswd instead of invalidating each other's password.
/// </summary>
internal static class SshdLoginUser
{
    public const string Name = "bastiontest";

    private const string PasswordDirectory = "/var/lib/bastion-tests";
    private const int LockRetries = 20;
    private static readonly string PasswordFile = Path.Combine(PasswordDirectory, Name + ".password");
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? s_password;

    /// <summary>Creates the user if missing, sets its password, and returns the password.</summary>
    public static async Task<string> EnsureAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (s_password is not null)
            {
                return s_password;
            }

            if (!IsRoot())
            {
                throw new InvalidOperationException(
                    $"SshdServer must run as root: it {(Exists() ? "sets the password of" : "creates")} the local "
                    + $"login user '{Name}' (chpasswd) and runs sshd with UsePAM so password and key logins both work. "
                    + "Run the tests as root, as CI does (e.g. `sudo ./test.sh`), or once as root: "
                    + $"`useradd --create-home --shell /bin/bash {Name}`, then still run the sshd tests as root.");
            }

            await CreateIfMissingAsync(cancellationToken);
            var password = ReadOrCreatePassword();
            await SetPasswordAsync(password, cancellationToken);
            s_password = password;
            return password;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool IsRoot()
    {
        // "Uid:\treal\teffective\tsaved\tfs" in /proc/self/status; the effective uid decides what we may do.
        var uidLine = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = uidLine?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 2 } && fields[2] == "0";
    }

    private static bool Exists() =>
        File.ReadLines("/etc/passwd").Any(l => l.StartsWith(Name + ":", StringComparison.Ordinal));

    private static async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        ToolResult? last = null;
        for (var attempt = 0; attempt < LockRetries && !Exists(); attempt++)
        {
            // Exit 9 = "username already in use": another process won the race. Other failures are usually a held
            // /etc/passwd lock from a concurrent useradd/chpasswd, so retry a bounded number of times.
            last = await ToolRunner.RunAsync(
                "/usr/sbin/useradd", ["--create-home", "--shell", "/bin/bash", Name], null, cancellationToken: cancellationToken);
            if (last.ExitCode is 0 or 9)
            {
                return;
            }

            await Task.Delay(LockRetryDelay, cancellationToken);
        }

        if (!Exists())
        {
            throw new InvalidOperationException(
                $"useradd {Name} failed (exit {last?.ExitCode}): {last?.StandardError}");
        }
    }

    private static string ReadOrCreatePassword()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The sshd login user exists on Linux only.");
        }

        Directory.CreateDirectory(PasswordDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!File.Exists(PasswordFile))
        {
            // Write aside, then move without overwrite: a concurrent process either wins (we read its value) or loses.
            var candidate = PasswordFile + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(candidate, Convert.ToHexString(RandomNumberGenerator.GetBytes(18)));
            File.SetUnixFileMode(candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                File.Move(candidate, PasswordFile, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(candidate);
            }
        }

        var password = File.ReadAllText(PasswordFile).Trim();
        return password.Length >= 16
            ? password
            : throw new InvalidOperationException($"{PasswordFile} is corrupt; delete it and rerun.");
    }

    private static async Task SetPasswordAsync(string password, CancellationToken cancellationToken)
    {
        ToolResult? last = null;
        for (var attempt = 0; attempt < LockRetries; attempt++)
        {
            // chpasswd fails with "cannot lock /etc/shadow" while another process edits it; that is transient.
            last = await ToolRunner.RunAsync("/usr/sbin/chpasswd", [], $"{Name}:{password}\n", cancellationToken: cancellationToken);
            if (last.ExitCode == 0)
            {
                return;
            }

            await Task.Delay(LockRetryDelay, cancellationToken);
        }

        throw new InvalidOperationException($"chpasswd for {Name} failed (exit {last?.ExitCode}): {last?.StandardError}");
    }
}

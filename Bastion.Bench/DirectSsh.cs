using System.Diagnostics;
using System.Text;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>OpenSSH's own client with a PTY (<c>ssh -tt</c>): the physical reference every figure is compared with.</summary>
internal sealed class DirectSsh : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _reader;
    private readonly Lock _lock = new();
    private readonly StringBuilder _tail = new();
    private readonly List<(string Marker, long After, TaskCompletionSource<long> Seen)> _waits = [];

    private DirectSsh(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadLoopAsync);
    }

    public long Bytes { get; private set; }

    public int ProcessId => _process.Id;

    public long FirstByteTicks { get; private set; }

    public long LastByteTicks { get; private set; }

    public Task Completion => _reader;

    public static DirectSsh Start(SshdServer sshd, string? command) =>
        Start(sshd, command, ["-o", "BatchMode=yes", "-i", sshd.ClientPrivateKeyPath], askpass: null);

    /// <summary>A password login through sshd's PAM (as Bastion's burst hosts log in), the password from
    /// <paramref name="askpass"/> (<see cref="PasswordHelper"/>).</summary>
    public static DirectSsh StartWithPassword(SshdServer sshd, string askpass) =>
        Start(sshd, null, ["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=keyboard-interactive,password", "-o", "NumberOfPasswordPrompts=1"], askpass);

    /// <summary>An <c>SSH_ASKPASS</c> script that prints the test user's password, deleted on dispose.</summary>
    public static AskPassFile PasswordHelper(SshdServer sshd) => new(sshd.Password);

    private static DirectSsh Start(SshdServer sshd, string? command, string[] auth, string? askpass)
    {
        var start = new ProcessStartInfo("ssh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[
                     "-tt", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", .. auth,
                     "-p", sshd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{sshd.UserName}@{sshd.Host}",
                 ])
        {
            start.ArgumentList.Add(arg);
        }

        if (askpass is not null)
        {
            start.Environment["SSH_ASKPASS"] = askpass;
            start.Environment["SSH_ASKPASS_REQUIRE"] = "force";
        }

        if (command is not null)
        {
            start.ArgumentList.Add(command);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new DirectSsh(process);
    }

    public async Task WriteAsync(string text)
    {
        await _process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _process.StandardInput.BaseStream.FlushAsync();
    }

    public Task<long> WaitForAsync(string marker, long after = 0)
    {
        var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waits.Add((marker, after, seen));
        }

        return seen.Task.WaitAsync(TimeSpan.FromSeconds(300));
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 20];
        var stream = _process.StandardOutput.BaseStream;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            var now = Stopwatch.GetTimestamp();
            if (Bytes == 0)
            {
                FirstByteTicks = now;
            }

            LastByteTicks = now;
            Bytes += n;
            lock (_lock)
            {
                if (_waits.Count == 0)
                {
                    continue;
                }

                _tail.Append(Encoding.Latin1.GetString(buffer, 0, n));
                var text = _tail.ToString();
                for (var i = _waits.Count - 1; i >= 0; i--)
                {
                    var (marker, after, seen) = _waits[i];
                    var from = (int)Math.Max(0, after - (Bytes - text.Length));
                    if (from <= text.Length && text.IndexOf(marker, from, StringComparison.Ordinal) >= 0)
                    {
                        seen.TrySetResult(Bytes);
                        _waits.RemoveAt(i);
                    }
                }

                if (_tail.Length > 4096)
                {
                    _tail.Remove(0, _tail.Length - 4096);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reader.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Text;
using Bastion.Tests.Infrastructure;

namespace Bastion.Tests.Screen;

/// <summary>
/// A real program in a real PTY, through util-linux <c>script</c>: what vim, top or ls print to a terminal of a given
/// size, captured as the decoded text Bastion's output path carries. Input is written to the PTY as typed keys.
/// </summary>
internal sealed class PtySession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private readonly Task _reader;
    private long _lastOutputTicks = Environment.TickCount64;

    private PtySession(Process process)
    {
        _process = process;
        _reader = Task.Factory.StartNew(ReadLoop, TaskCreationOptions.LongRunning);
    }

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a PTY of the given size.</summary>
    public static PtySession Start(string command, int columns, int rows)
    {
        var startInfo = new ProcessStartInfo("script")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("-qfec");
        startInfo.ArgumentList.Add($"stty cols {columns} rows {rows}; exec {command}");
        startInfo.ArgumentList.Add("/dev/null");
        startInfo.Environment["TERM"] = "xterm-256color";
        startInfo.Environment["LANG"] = "C.UTF-8";
        startInfo.Environment["LC_ALL"] = "C.UTF-8";
        startInfo.Environment["HOME"] = Path.GetTempPath();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start script");
        return new PtySession(process);
    }

    public async Task TypeAsync(string keys)
    {
        await _process.StandardInput.WriteAsync(keys).WithTimeout();
        await _process.StandardInput.FlushAsync().WithTimeout();
    }

    /// <summary>Waits until <paramref name="text"/> has been printed (bounded by the default test timeout).</summary>
    public async Task WaitForAsync(string text)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_reader.IsCompleted)
            {
                throw new InvalidOperationException($"The program ended before printing {text}. Output:\n{Output}");
            }

            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{text} was not printed within {TestTimeouts.Default}. Output:\n{Output}");
            }
        }
    }

    /// <summary>Waits until nothing was printed for <paramref name="quiet"/>, at most the default test timeout.</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (Environment.TickCount64 - Interlocked.Read(ref _lastOutputTicks) < quiet.TotalMilliseconds && !_reader.IsCompleted)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Waits for the program to exit by itself (after a quit key), then for the last output.</summary>
    public async Task WaitForExitAsync()
    {
        // A program under a pty exits slowly on a loaded machine (vim writes its viminfo, ls -R drains): a bound on
        // hangs, not a measure of speed.
        await _process.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(60));
        await _reader.WithTimeout();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        // A program under a pty exits slowly on a loaded machine (vim writes its viminfo, ls -R drains): a bound on
        // hangs, not a measure of speed.
        await _process.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(60));
        await _reader.WithTimeout();
        _process.Dispose();
    }

    private void ReadLoop()
    {
        var decoder = new UTF8Encoding(false).GetDecoder();
        var bytes = new byte[8192];
        var chars = new char[8192 + 4];
        var stream = _process.StandardOutput.BaseStream;
        int read;
        while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
        {
            var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            lock (_lock)
            {
                _output.Append(chars, 0, count);
            }

            Interlocked.Exchange(ref _lastOutputTicks, Environment.TickCount64);
        }
    }
}

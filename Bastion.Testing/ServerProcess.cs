using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Bastion.Testing;

/// <summary>
/// A server program (redis-server, rsyslogd, nginx, PostgreSQL) run in the foreground as this test's own child:
/// started, polled until it answers, stopped by its PID (SIGKILL by default, so it is gone at once, as a crash or a
/// partition would look), and by <see cref="OrphanWatch"/> should the test process end without stopping it. Its
/// standard error is kept, the last <see cref="KeptErrorLines"/> lines, for the message when it exits early.
/// </summary>
internal sealed class ServerProcess
{
    private const int KeptErrorLines = 40;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Bound on a stop by <c>stopSignal</c> before SIGKILL.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly int _pid;
    private readonly string _stopSignal;
    private readonly Queue<string> _errors = new();
    private bool _stopped;

    private ServerProcess(Process process, string stopSignal)
    {
        _process = process;
        _pid = process.Id;
        _stopSignal = stopSignal;
    }

    public bool HasExited => _stopped || _process.HasExited;

    public int ProcessId => _pid;

    /// <summary>
    /// Starts <paramref name="binary"/> and waits (up to <see cref="TestTimeouts.Default"/>) until
    /// <paramref name="readyAsync"/> says it serves. If it exits first, throws with its exit code, its standard error
    /// and <paramref name="describeExit"/> (its own log file, say).
    /// </summary>
    /// <param name="stopSignal">KILL (the process and its children at once), or a signal the server ends itself on
    /// (PostgreSQL's QUIT), SIGKILL after <see cref="StopTimeout"/>.</param>
    /// <param name="removeDirectory">The server's directory, for <see cref="OrphanWatch"/> to remove after it.</param>
    public static async Task<ServerProcess> StartAsync(
        string binary, IEnumerable<string> args, Func<CancellationToken, Task<bool>> readyAsync, Func<string>? describeExit = null,
        string stopSignal = "KILL", string? removeDirectory = null)
    {
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var name = Path.GetFileName(binary);
        var server = new ServerProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}"), stopSignal);
        OrphanWatch.Start(server._pid, stopSignal, removeDirectory);
        server._process.ErrorDataReceived += (_, e) => server.KeepError(e.Data);
        server._process.OutputDataReceived += (_, _) => { };
        server._process.BeginErrorReadLine();
        server._process.BeginOutputReadLine();
        try
        {
            using var timeout = TestTimeouts.CreateTokenSource();
            while (!await readyAsync(timeout.Token))
            {
                if (server.HasExited)
                {
                    throw new InvalidOperationException($"{name} exited with {server._process.ExitCode}: {server.Errors()}{describeExit?.Invoke()}");
                }

                await Task.Delay(PollInterval, timeout.Token);
            }

            return server;
        }
        catch
        {
            await server.StopAsync();
            throw;
        }
    }

    /// <summary>True when something accepts a TCP connection on 127.0.0.1:<paramref name="port"/> within 2 s.</summary>
    public static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The stop signal (SIGKILL to the process and its children by default), then waits for it; safe to call
    /// again.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        OrphanWatch.Release(_pid);
        if (!_process.HasExited && _stopSignal != "KILL")
        {
            await ToolRunner.RunAsync("/bin/kill", ["-s", _stopSignal, _pid.ToString(CultureInfo.InvariantCulture)]);
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // It did not end on its signal: SIGKILL below.
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WithTimeout();
        }

        _stopped = true;
        _process.Dispose();
    }

    private void KeepError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_errors)
        {
            _errors.Enqueue(line);
            if (_errors.Count > KeptErrorLines)
            {
                _errors.Dequeue();
            }
        }
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.Count == 0 ? "" : string.Join('\n', _errors) + "\n";
        }
    }
}

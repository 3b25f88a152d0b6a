using System.Collections.Concurrent;
using System.Diagnostics;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>
/// A login burst (issue 12): N terminals opened at once with no client-side cap, each logging in with a password
/// through sshd's PAM, as after a restart when every browser re-attaches. Counts failures and the time until every
/// terminal has run <c>echo</c>, next to N concurrent <c>ssh -tt</c> processes doing the same.
/// </summary>
internal static class BurstScenario
{
    /// <summary>How long one terminal (or one <c>ssh -tt</c>) may take to its prompt before it counts as failed, so
    /// that a burst always ends with a count instead of waiting on one stuck client.</summary>
    private static readonly TimeSpan PerTerminalLimit = TimeSpan.FromSeconds(300);

    public sealed record Result(int Sessions, int Failures, double AllSeconds, double P50Seconds, double P90Seconds, int Queued, IReadOnlyList<string> FailureSamples);

    public static async Task<Result> RunBastionAsync(BastionProcess bastion, SshdServer sshd, int count)
    {
        var hostId = await bastion.CreateHostAsync(HostSpec.For(sshd, HostSpec.UniqueName("burst"))); // password login
        var terminals = new TerminalClient?[count];
        var seconds = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        var queued = 0;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            try
            {
                // Each terminal fetches its ticket just before its socket, as a re-attaching browser does: tickets
                // fetched up front expired before an overloaded client got round to opening their sockets.
                var uri = await bastion.TerminalUriAsync(hostId, flow: true, cols: 80, rows: 24);
                var terminal = await BenchTerminal.ConnectAsync(uri);
                terminals[i] = terminal;
                var ok = terminal.WaitForMarkerAsync("B-2-OK");
                await terminal.SendInputAsync("echo B-$((1+1))-OK\r"); // the PTY buffers it until the shell reads
                var done = await Task.WhenAny(ok, terminal.WaitForAsync(c => c.Closed, "close", PerTerminalLimit));
                if (done != ok)
                {
                    throw new InvalidOperationException(terminal.Errors.Count > 0 ? terminal.Errors[0].GetProperty("message").GetString() : $"closed {terminal.CloseStatus}");
                }

                seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
                if (terminal.Others.Any(m => m.TryGetProperty("flag", out var f) && f.GetString() == "status"))
                {
                    Interlocked.Increment(ref queued);
                }
            }
            catch (Exception ex)
            {
                failures.Add(ex.Message);
            }
        })));
        var all = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(terminals.Where(t => t is not null).Select(t => t!.DisposeAsync().AsTask()));
        await Task.Delay(TimeSpan.FromSeconds(5)); // let sshd reap the sessions before the next phase
        return Summarize(count, failures, seconds, all, queued);
    }

    public static async Task<Result> RunSshAsync(SshdServer sshd, int count)
    {
        using var askpass = DirectSsh.PasswordHelper(sshd);
        var clients = new DirectSsh?[count];
        var seconds = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            try
            {
                var ssh = DirectSsh.StartWithPassword(sshd, askpass.Path);
                clients[i] = ssh;
                var ok = ssh.WaitForAsync("B-2-OK");
                await ssh.WriteAsync("echo B-$((1+1))-OK\r");
                var limit = Task.Delay(PerTerminalLimit);
                var done = await Task.WhenAny(ok, ssh.Completion, limit);
                if (done != ok)
                {
                    throw new InvalidOperationException(done == limit ? "timed out" : "ssh exited before the prompt");
                }

                seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            catch (Exception ex)
            {
                failures.Add(ex.Message);
            }
        })));
        var all = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(clients.Where(c => c is not null).Select(c => c!.DisposeAsync().AsTask()));
        await Task.Delay(TimeSpan.FromSeconds(5));
        return Summarize(count, failures, seconds, all, 0);
    }

    private static Result Summarize(int count, ConcurrentBag<string> failures, ConcurrentBag<double> seconds, double all, int queued)
    {
        var ok = seconds.ToList();
        return new Result(count, failures.Count, all,
            ok.Count > 0 ? Stats.Percentile(ok, 50) : double.NaN, ok.Count > 0 ? Stats.Percentile(ok, 90) : double.NaN,
            queued, [.. failures.GroupBy(f => f).Select(g => $"{g.Count()}× {g.Key}").Take(3)]);
    }
}

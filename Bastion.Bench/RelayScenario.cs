using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Bastion.Core.Ssh;
using Bastion.Testing;
using Renci.SshNet;

namespace Bastion.Bench;

/// <summary>
/// Where the relay's CPU goes (issue 12): the throughput flood through Bastion only, with and without flow control,
/// reporting per MB relayed the server's CPU (user and system apart), context switches and bytes allocated (the
/// runtime's own counter, read from the metrics endpoint), and the same flood through a bare SSH.NET ShellStream read
/// loop in this process (its CPU is this process's). An optional profiler command runs attached to the server for the
/// flood alone (<c>{pid}</c> is replaced; it is stopped with SIGINT), e.g. <c>strace -c -f -p {pid}</c>.
/// </summary>
internal static partial class RelayScenario
{
    public sealed record Figures(string Path, double MegaBytes, double Seconds, double UserMsPerMb, double SysMsPerMb, double SwitchesPerMb, double AllocMbPerMb);

    /// <summary>A smaller flood through both paths first, so the measured runs do not pay for the JIT's tiering
    /// (a profile of a cold first run showed a quarter of the server's CPU in the JIT).</summary>
    public const string WarmUpCommand = "head -c 5000000 /dev/urandom | base64 -w 120";

    public static async Task<Figures> RunBastionAsync(BastionProcess bastion, string hostId, bool flow, string? attach, string command = ThroughputScenario.Command)
    {
        await using var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow));
        await ThroughputScenario.WaitReadyAsync(terminal);
        var done = terminal.WaitForMarkerAsync("TP-5-END");
        using var profiler = Attach(attach, bastion.ProcessId);
        var allocBefore = await AllocatedBytesAsync(bastion);
        var (userBefore, sysBefore) = CpuOf(bastion.ProcessId);
        var switchesBefore = bastion.ContextSwitches();
        var before = terminal.Units;
        var start = Stopwatch.GetTimestamp();
        await terminal.SendInputAsync($"stty -echo; {command}; echo TP-$((2+3))-END\r");
        var end = await done;
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var (user, sys) = CpuOf(bastion.ProcessId);
        var switches = bastion.ContextSwitches() - switchesBefore;
        var alloc = await AllocatedBytesAsync(bastion) - allocBefore;
        await StopAsync(profiler);
        var mb = (end - before) / 1e6;
        return new Figures(flow ? "Bastion, client acks (flow=1)" : "Bastion, no flow control", mb, seconds,
            (user - userBefore) / mb, (sys - sysBefore) / mb, switches / mb, alloc / 1e6 / mb);
    }

    /// <summary>The bare SSH.NET loop of <see cref="ThroughputScenario"/>, measured on this process (nothing else of
    /// the benchmark runs meanwhile).</summary>
    public static Figures RunSshNet(SshdServer sshd, SshOptions algorithms)
    {
        var info = new ConnectionInfo(sshd.Host, sshd.Port, sshd.UserName, new PrivateKeyAuthenticationMethod(sshd.UserName, new PrivateKeyFile(sshd.ClientPrivateKeyPath)));
        SshAlgorithms.Apply(info, algorithms);
        using var client = new SshClient(info);
        client.HostKeyReceived += (_, e) => e.CanTrust = true;
        client.Connect();
        using var shell = client.CreateShellStream("xterm", 200, 50, 0, 0, 65536);
        Thread.Sleep(300);
        var buffer = new byte[65536];
        while (shell.Length > 0)
        {
            _ = shell.Read(buffer, 0, buffer.Length); // the banner and prompt, not counted
        }

        var self = Environment.ProcessId;
        var allocBefore = GC.GetTotalAllocatedBytes(precise: false);
        var (userBefore, sysBefore) = CpuOf(self);
        var start = Stopwatch.GetTimestamp();
        shell.Write($"stty -echo; {ThroughputScenario.Command}; echo TP-$((2+3))-END\r");
        shell.Flush();
        long bytes = 0;
        var tail = "";
        while (true)
        {
            var n = shell.Read(buffer, 0, buffer.Length);
            bytes += n;
            tail = (tail + System.Text.Encoding.Latin1.GetString(buffer, Math.Max(0, n - 64), Math.Min(n, 64)))[^Math.Min(64, tail.Length + Math.Min(n, 64))..];
            if (tail.Contains("TP-5-END", StringComparison.Ordinal))
            {
                break;
            }
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var (user, sys) = CpuOf(self);
        var mb = bytes / 1e6;
        return new Figures("SSH.NET ShellStream loop alone", mb, seconds, (user - userBefore) / mb, (sys - sysBefore) / mb, double.NaN,
            (GC.GetTotalAllocatedBytes(precise: false) - allocBefore) / 1e6 / mb);
    }

    /// <summary>User and system CPU milliseconds of a process, from /proc/PID/stat (clock ticks of 10 ms).</summary>
    private static (double User, double Sys) CpuOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) * 10.0, long.Parse(fields[12], CultureInfo.InvariantCulture) * 10.0);
    }

    /// <summary>The runtime's count of bytes allocated by the server (OpenTelemetry runtime metrics, as the admin).</summary>
    private static async Task<double> AllocatedBytesAsync(BastionProcess bastion)
    {
        var text = await bastion.Http.GetStringAsync("/metrics");
        var match = AllocatedLine().Match(text);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    [GeneratedRegex(@"^dotnet_gc_heap_total_allocated_bytes(?:_total)?(?:\{[^}]*\})?\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex AllocatedLine();

    private static Process? Attach(string? command, int pid)
    {
        if (command is null)
        {
            return null;
        }

        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec " + command.Replace("{pid}", pid.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var process = Process.Start(info)!;
        Thread.Sleep(1500); // let the profiler attach before the flood
        return process;
    }

    private static async Task StopAsync(Process? profiler)
    {
        if (profiler is null)
        {
            return;
        }

        // SIGINT (the shell exec'd the profiler, so this is its pid): strace, perf and dotnet-trace then write their results.
        using (var kill = Process.Start("kill", ["-INT", profiler.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        await profiler.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }
}

using System.Diagnostics;
using Bastion.Core.Ssh;
using Bastion.Testing;
using Renci.SshNet;

namespace Bastion.Bench;

/// <summary>The relay's floors, measured in this process: a bare SSH.NET <c>ShellStream</c> read loop, and SSH.NET's
/// receive thread with the data discarded (what Bastion cannot go below).</summary>
internal static partial class RelayScenario
{
    /// <summary>The bare SSH.NET loop of <see cref="ThroughputScenario"/>, measured on this process (nothing else of
    /// the benchmark runs meanwhile).</summary>
    public static Figures RunSshNet(SshdServer sshd, SshOptions algorithms)
    {
        var info = new ConnectionInfo(sshd.Host, sshd.Port, sshd.UserName, new PrivateKeyAuthenticationMethod(sshd.UserName, new PrivateKeyFile(sshd.ClientPrivateKeyPath)));
        SshAlgorithms.Apply(info, algorithms);
        using var client = new SshClient(info);
        client.HostKeyReceived += (_, e) => e.CanTrust = true;
        Connect(client, algorithms);
        using var shell = client.CreateShellStream("xterm", 200, 50, 0, 0, 65536);
        Thread.Sleep(300);
        var buffer = new byte[65536];
        while (shell.Length > 0)
        {
            _ = shell.Read(buffer, 0, buffer.Length); // the banner and prompt, not counted
        }

        var self = Environment.ProcessId;
        var allocBefore = GC.GetTotalAllocatedBytes(precise: false);
        var switchesBefore = ContextSwitchesOf(self);
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
        var switches = ContextSwitchesOf(self) - switchesBefore;
        var mb = bytes / 1e6;
        return new Figures("SSH.NET ShellStream loop alone", mb, seconds, (user - userBefore) / mb, (sys - sysBefore) / mb, switches / mb,
            (GC.GetTotalAllocatedBytes(precise: false) - allocBefore) / 1e6 / mb);
    }

    /// <summary>
    /// The receive-thread floor: the same flood on a shell opened the way Bastion opens it
    /// (<see cref="SshNetInternals.CreateShellStream"/> with Bastion's channel window and a data handler, so every packet
    /// is handed over on SSH.NET's receive thread and <c>ShellStream</c>'s own buffer stays empty), whose handler only
    /// counts the bytes and looks for the end marker. What SSH.NET itself costs per MB (socket reads, decryption, its
    /// packet allocations, window adjusts) without any hand-off to another thread: the part of Bastion's CPU that is
    /// not the relay's.
    /// </summary>
    public static Figures RunReceiveThread(SshdServer sshd, SshOptions algorithms, uint windowBytes, string? attach, string command = ThroughputScenario.Command)
    {
        var info = new ConnectionInfo(sshd.Host, sshd.Port, sshd.UserName, new PrivateKeyAuthenticationMethod(sshd.UserName, new PrivateKeyFile(sshd.ClientPrivateKeyPath)));
        SshAlgorithms.Apply(info, algorithms);
        using var client = new SshClient(info);
        client.HostKeyReceived += (_, e) => e.CanTrust = true;
        Connect(client, algorithms);
        var counter = new ReceiveThreadCounter("TP-5-END");
        using var shell = SshNetInternals.CreateShellStream(client, "xterm", 200, 50, new Dictionary<Renci.SshNet.Common.TerminalModes, uint>(), 65536, windowBytes, counter.OnData);
        Thread.Sleep(300);
        counter.Reset(); // the banner and prompt, not counted

        var self = Environment.ProcessId;
        using var profiler = Attach(attach, self);
        var allocBefore = GC.GetTotalAllocatedBytes(precise: false);
        var switchesBefore = ContextSwitchesOf(self);
        var (userBefore, sysBefore) = CpuOf(self);
        var start = Stopwatch.GetTimestamp();
        shell.Write($"stty -echo; {command}; echo TP-$((2+3))-END\r");
        shell.Flush();
        if (!counter.Seen.Wait(TimeSpan.FromSeconds(300)))
        {
            throw new TimeoutException("the receive-thread baseline never saw its end marker");
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var (user, sys) = CpuOf(self);
        var switches = ContextSwitchesOf(self) - switchesBefore;
        StopAsync(profiler).GetAwaiter().GetResult();
        var mb = counter.Bytes / 1e6;
        return new Figures("SSH.NET receive thread, data discarded (Bastion's floor)", mb, seconds, (user - userBefore) / mb, (sys - sysBefore) / mb, switches / mb,
            (GC.GetTotalAllocatedBytes(precise: false) - allocBefore) / 1e6 / mb);
    }

    /// <summary>Connects a client of this process the way Bastion's connector does: with <c>Ssh:BlockingReceive</c> (the
    /// bench's <c>--blocking-receive</c>, passed to the server too) the socket is made blocking once connected
    /// (<see cref="SshNetInternals.MakeReceiveBlocking"/>), so the floor is measured as Bastion runs.</summary>
    public static void Connect(SshClient client, SshOptions algorithms)
    {
        client.Connect();
        if (algorithms.BlockingReceive && !SshNetInternals.MakeReceiveBlocking(client))
        {
            Console.Error.WriteLine("  (blocking receive not available here: the floor keeps .NET's emulated blocking receive)");
        }
    }
}

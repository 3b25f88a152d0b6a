using System.Diagnostics;
using System.Text;
using Bastion.Core.Ssh;
using Bastion.Testing;
using Renci.SshNet;

namespace Bastion.Bench;

/// <summary>MB/s of a base64 flood through Bastion (client acks as a browser would), bare SSH.NET, and ssh -tt.</summary>
internal static class ThroughputScenario
{
    public const string Command = "head -c 50000000 /dev/urandom | base64 -w 120";

    public static async Task<(double Bastion, double SshNet, double Ssh, double CpuMsPerMb, double SwitchesPerMb)> RunOnceAsync(BastionProcess bastion, string hostId, SshdServer sshd, SshOptions algorithms)
    {
        // Bastion: from sending the command to seeing the end marker; units are ASCII here, so units = bytes.
        double bastionRate, cpuMsPerMb, switchesPerMb;
        await using (var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow: true)))
        {
            await WaitReadyAsync(terminal);
            var done = terminal.WaitForMarkerAsync("TP-5-END");
            var start = Stopwatch.GetTimestamp();
            var cpuBefore = bastion.CpuTime();
            var switchesBefore = bastion.ContextSwitches();
            var before = terminal.Units;
            await terminal.SendInputAsync($"stty -echo; {Command}; echo TP-$((2+3))-END\r");
            var end = await done;
            bastionRate = (end - before) / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e6;
            cpuMsPerMb = (bastion.CpuTime() - cpuBefore).TotalMilliseconds / ((end - before) / 1e6);
            switchesPerMb = (bastion.ContextSwitches() - switchesBefore) / ((end - before) / 1e6);
        }

        // SSH.NET alone: the same command in a ShellStream read loop, no Bastion.
        double sshNetRate;
        {
            // The same algorithm preference Bastion uses, so the comparison isolates Bastion's own overhead.
            var info = new ConnectionInfo(sshd.Host, sshd.Port, sshd.UserName, new PrivateKeyAuthenticationMethod(sshd.UserName, new PrivateKeyFile(sshd.ClientPrivateKeyPath)));
            SshAlgorithms.Apply(info, algorithms);
            using var client = new SshClient(info);
            client.HostKeyReceived += (_, e) => e.CanTrust = true;
            RelayScenario.Connect(client, algorithms);
            using var shell = client.CreateShellStream("xterm", 200, 50, 0, 0, 65536);
            shell.Write($"stty -echo; {Command}; echo TP-$((2+3))-END\r");
            shell.Flush();
            var buffer = new byte[65536];
            var tail = new StringBuilder();
            long bytes = 0;
            var start = Stopwatch.GetTimestamp();
            while (true)
            {
                var n = shell.Read(buffer, 0, buffer.Length);
                bytes += n;
                tail.Append(Encoding.Latin1.GetString(buffer, 0, n));
                if (tail.ToString().Contains("TP-5-END", StringComparison.Ordinal))
                {
                    break;
                }

                if (tail.Length > 64)
                {
                    tail.Remove(0, tail.Length - 64);
                }
            }

            sshNetRate = bytes / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e6;
        }

        // ssh -tt: first byte to end of stream, so its connection set-up is not counted against it.
        double sshRate;
        await using (var ssh = DirectSsh.Start(sshd, Command))
        {
            await ssh.Completion.WaitAsync(TimeSpan.FromMinutes(5));
            sshRate = ssh.Bytes / Stopwatch.GetElapsedTime(ssh.FirstByteTicks, ssh.LastByteTicks).TotalSeconds / 1e6;
        }

        return (bastionRate, sshNetRate, sshRate, cpuMsPerMb, switchesPerMb);
    }

    public static async Task WaitReadyAsync(TerminalClient terminal)
    {
        await terminal.WaitForAsync(c => c.Ready, "the terminal to be ready", TimeSpan.FromSeconds(30));

        // Let the banner and first prompt arrive so they do not count as flood output.
        await Task.Delay(300);
    }
}

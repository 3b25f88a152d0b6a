using System.Diagnostics;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>Time to a working terminal: from asking to seeing a command's output, Bastion vs ssh -tt.</summary>
internal static class OpenScenario
{
    public static async Task<(List<double> Bastion, List<double> Ssh)> RunAsync(BastionProcess bastion, string hostId, SshdServer sshd, int count)
    {
        var bastionMs = new List<double>();
        var sshMs = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await using (var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow: true)))
            {
                var ok = terminal.WaitForMarkerAsync("O-2-OK");
                await terminal.SendInputAsync("echo O-$((1+1))-OK\r");
                await ok;
                bastionMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            start = Stopwatch.GetTimestamp();
            await using (var ssh = DirectSsh.Start(sshd, null))
            {
                var ok = ssh.WaitForAsync("O-2-OK");
                await ssh.WriteAsync("echo O-$((1+1))-OK\r");
                await ok;
                sshMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        return (bastionMs, sshMs);
    }
}

using System.Diagnostics;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>Keystroke → echo round trips: the remote PTY echoes each character of a line typed into <c>cat</c>.</summary>
internal static class EchoScenario
{
    public static async Task<(List<double> Bastion, List<double> Ssh)> RunAsync(BastionProcess bastion, string hostId, SshdServer sshd, int keystrokes)
    {
        var bastionRtts = new List<double>();
        await using (var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow: true)))
        {
            await ThroughputScenario.WaitReadyAsync(terminal);
            var started = terminal.WaitForMarkerAsync("CAT-READY");
            await terminal.SendInputAsync("echo CAT-$((0))-; echo CAT-READY''; cat > /dev/null\r");
            await started;
            await Task.Delay(200);
            for (var i = 0; i < keystrokes; i++)
            {
                var key = (char)('a' + (i % 26));
                var echo = terminal.WaitForMarkerAsync(key.ToString(), terminal.Units);
                var start = Stopwatch.GetTimestamp();
                await terminal.SendInputAsync(key.ToString());
                await echo;
                bastionRtts.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        var sshRtts = new List<double>();
        await using (var ssh = DirectSsh.Start(sshd, "echo CAT-READY; cat > /dev/null"))
        {
            await ssh.WaitForAsync("CAT-READY");
            await Task.Delay(200);
            for (var i = 0; i < keystrokes; i++)
            {
                var key = (char)('a' + (i % 26));
                var echo = ssh.WaitForAsync(key.ToString(), ssh.Bytes);
                var start = Stopwatch.GetTimestamp();
                await ssh.WriteAsync(key.ToString());
                await echo;
                sshRtts.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        return (bastionRtts, sshRtts);
    }
}

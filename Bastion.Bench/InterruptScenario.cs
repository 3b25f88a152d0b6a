using System.Diagnostics;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>Ctrl+C two seconds into <c>yes</c>: time until the prompt is back, and output delivered in between.</summary>
internal static class InterruptScenario
{
    private const string SetPrompt = "export PS1='BP''> '\r";
    private const string Prompt = "BP> ";

    public static async Task<(double Ms, long After)> RunBastionAsync(BastionProcess bastion, string hostId, double ackRate)
    {
        await using var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow: true), ackRate);
        await ThroughputScenario.WaitReadyAsync(terminal);
        var prompt = terminal.WaitForMarkerAsync(Prompt);
        await terminal.SendInputAsync(SetPrompt);
        await prompt;
        await terminal.SendInputAsync("yes\r");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var atInterrupt = terminal.Units;
        var back = terminal.WaitForMarkerAsync(Prompt, atInterrupt);
        var start = Stopwatch.GetTimestamp();
        await terminal.SendInputAsync("\u0003");
        var seenAt = await back;
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, seenAt - atInterrupt);
    }

    public static async Task<(double Ms, long After)> RunSshAsync(SshdServer sshd)
    {
        await using var ssh = DirectSsh.Start(sshd, null);
        var prompt = ssh.WaitForAsync(Prompt);
        await ssh.WriteAsync(SetPrompt);
        await prompt;
        await ssh.WriteAsync("yes\r");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var atInterrupt = ssh.Bytes;
        var back = ssh.WaitForAsync(Prompt, atInterrupt);
        var start = Stopwatch.GetTimestamp();
        await ssh.WriteAsync("\u0003");
        var seenAt = await back;
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, seenAt - atInterrupt);
    }
}

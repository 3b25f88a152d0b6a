using Bastion.Core.Recording;

namespace Bastion.Tests.Audit;

public sealed class CommandLineTrackerTests
{
    [Fact]
    public void InputMode_FollowsBackspaceAndCtrlU_AndSkipsCursorKeys()
    {
        var tracker = new CommandLineTracker(fromInput: true);

        var lines = tracker.OnInput("lx\u007fs -la\r");
        lines.AddRange(tracker.OnInput("rm -rf /\u0015\u001b[Auptime\r"));

        Assert.Equal(["ls -la", "uptime"], lines);
    }

    [Fact]
    public void EchoMode_StoresTheEchoedLine_WhenItContainsWhatWasTyped()
    {
        var tracker = new CommandLineTracker(fromInput: false);

        Assert.Empty(tracker.OnInput("echo hi\r"));
        Assert.Empty(tracker.OnOutput("Welcome to the host\r\n")); // output that was already on its way
        var lines = tracker.OnOutput("\u001b[01;32muser@h\u001b[00m:~$ echo hi\r\nhi\r\n");

        Assert.Equal(["user@h:~$ echo hi"], lines);
    }

    [Fact]
    public void EchoMode_NeverStoresInputThatWasNotEchoed()
    {
        var tracker = new CommandLineTracker(fromInput: false);

        tracker.OnInput("sudo true\r");
        var lines = tracker.OnOutput("$ sudo true\r\n[sudo] password for u: ");
        tracker.OnInput("hunter2\r");
        lines.AddRange(tracker.OnOutput("\r\n$ "));
        tracker.OnInput("id\r");
        lines.AddRange(tracker.OnOutput("id\r\nuid=0\r\n"));

        Assert.Equal(["$ sudo true", "$ id"], lines);
        Assert.DoesNotContain(lines, l => l.Contains("hunter2", StringComparison.Ordinal));
    }
}

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

    [Fact]
    public void EchoMode_FollowsALongLineAcrossTheCarriageReturnsReadlineSendsAsItWraps()
    {
        // As bash 5.2 echoed a 300-character command typed in pieces into an 80-column terminal (from a real session):
        // at each wrap it printed the next character, a bare CR, and that row again.
        var tracker = new CommandLineTracker(fromInput: false) { Columns = 80 };
        var command = "echo long-" + new string('q', 270) + "-$((300+0))";
        tracker.OnOutput("\u001b]0;u@vm: ~\u0007\u001b[01;32mu@vm\u001b[00m:\u001b[01;34m~\u001b[00m$ ");
        var prompt = "u@vm:~$ ";
        var echo = new System.Text.StringBuilder();
        var column = prompt.Length;
        foreach (var c in command)
        {
            echo.Append(c);
            if (++column == 81)
            {
                echo.Append('\r').Append(c);
                column = 1;
            }
        }

        tracker.OnInput(command + "\r");
        var lines = tracker.OnOutput(echo + "\r\n\u001b[?2004l\rlong-qqq-300\r\n");

        Assert.Equal([prompt + command], lines);
    }

    [Fact]
    public void EchoMode_ListsAFullScreenProgram_WhoseOutputFollowsTheEchoWithoutANewline()
    {
        var tracker = new CommandLineTracker(fromInput: false);

        tracker.OnOutput("\u001b[?2004h$ ");
        tracker.OnInput("vim\r");
        var lines = tracker.OnOutput("vim\r\n\u001b[?2004l\r\u001b[?1049h\u001b[H\u001b[2J~\u001b[2;1H~");
        tracker.OnInput("\u001b:q!\r");
        lines.AddRange(tracker.OnOutput("\u001b[24;1H:q!\r\u001b[?1049l$ "));

        Assert.Equal(["$ vim"], lines);
    }
}

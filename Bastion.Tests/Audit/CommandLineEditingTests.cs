using Bastion.Core.Recording;

namespace Bastion.Tests.Audit;

/// <summary>
/// A line edited before Enter is listed as it ran. The keys and the echo are as bash 5 with readline sent them in an
/// xterm-256color pty (captured): Alt+B echoes "\b\b\b"; inserting before "two" echoes "Xtwo\b\b\b"; Delete echoes
/// ESC[1P and the rest; End echoes ESC[C per column; Backspace at the end echoes "\b" ESC[K. Over SSH bash inserted
/// with ESC[1@ instead.
/// </summary>
public sealed class CommandLineEditingTests
{
    private const string Keys = "echo one two\u001bbX\u001b[D\u001b[DY\u001b[3~\u0005\u007f\r";
    private const string Echo = "$ echo one two\b\b\bXtwo\b\b\b\b\bY Xtwo\b\b\b\b\b\u001b[1PXtwo\b\b\b\b\u001b[C\u001b[C\u001b[C\u001b[C\b\u001b[K\r\n";

    [Fact]
    public void InputMode_FollowsTheCursorThroughReadlinesEditingKeys()
    {
        var tracker = new CommandLineTracker(fromInput: true);

        var lines = tracker.OnInput("echo one two\u001bbX\r");
        lines.AddRange(tracker.OnInput(Keys));
        lines.AddRange(tracker.OnInput("ls /tmp\u0001sudo \u0005 -l\r"));
        lines.AddRange(tracker.OnInput("cat a b c\u0017\u0017d\u001b[H\u001b[3~\u001b[3~\u001b[3~\u001b[3~less \r"));
        lines.AddRange(tracker.OnInput("rm -rf /tmp/x\u001b[1~\u001b[C\u001b[C\u000b\r"));

        Assert.Equal(["echo one Xtwo", "echo oneYXtw", "sudo ls /tmp -l", "less a d", "rm"], lines);
    }

    [Fact]
    public void EchoMode_StoresALineEditedBeforeEnter_AsItRan()
    {
        var tracker = new CommandLineTracker(fromInput: false);

        tracker.OnInput("echo one two\u001bbX\r");
        var lines = tracker.OnOutput("$ echo one two\b\b\bXtwo\b\b\b\r\n\u001b[?2004l\rone Xtwo\r\n");
        tracker.OnInput(Keys);
        lines.AddRange(tracker.OnOutput(Echo + "oneYXtw\r\n"));

        // As bash echoed the first line over the test sshd (recorded): an insert-character sequence, then X.
        tracker.OnInput("echo one two\u001bbX\r");
        lines.AddRange(tracker.OnOutput("$ echo one two\b\b\b\u001b[1@X\r\n\u001b[?2004l\rone Xtwo\r\n"));

        Assert.Equal(["$ echo one Xtwo", "$ echo oneYXtw", "$ echo one Xtwo"], lines);
    }
}

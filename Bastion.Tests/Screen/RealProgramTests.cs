using Bastion.Core.Screen;
using Xunit.Abstractions;

namespace Bastion.Tests.Screen;

/// <summary>
/// Real program output captured from a real PTY (vim, top, ls, an interactive bash with a colour prompt), cut at
/// several points: each snapshot must give the screen of a client that saw the stream up to the cut, and the
/// snapshot plus the rest the screen of a client that saw all of it (compared by headless xterm.js).
/// </summary>
public sealed class RealProgramTests(ITestOutputHelper output)
{
    private const int Columns = 80;
    private const int Rows = 24;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Vim_EditingAFile_SnapshotRebuildsTheScreen()
    {
        var file = Path.Combine(Path.GetTempPath(), $"screen-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, string.Concat(Enumerable.Range(1, 40).Select(i => $"line {i} of the file\n")));
        try
        {
            await using var vim = PtySession.Start($"vim -u NONE -N -n -i NONE -c 'syntax on' -c 'set number' {file}", Columns, Rows);
            await vim.WaitForAsync("line 1 of");
            await vim.WaitForQuietAsync(Quiet);
            var cuts = new List<int> { vim.Output.Length };
            await vim.TypeAsync("5GAappended text \u00e9\u6f22\u001b");
            await vim.WaitForAsync("appended text");
            await vim.WaitForQuietAsync(Quiet);
            cuts.Add(vim.Output.Length);
            await vim.TypeAsync("Gonew last line\u001b\u0004ggOfirst\u001b");
            await vim.WaitForAsync("first");
            await vim.WaitForQuietAsync(Quiet);
            cuts.Add(vim.Output.Length);
            await vim.TypeAsync(":s/first/FIRST/\r");
            await vim.WaitForAsync("FIRST");
            await vim.WaitForQuietAsync(Quiet);

            var stream = vim.Output;
            await AssertRestoresAsync(stream, cuts, "vim");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Vim_AfterQuitting_SnapshotShowsTheShellScreen()
    {
        await using var shell = PtySession.Start("bash --norc --noprofile -i", Columns, Rows);
        await shell.TypeAsync("PS1='$ '; echo ready-$((1+1))\r");
        await shell.WaitForAsync("ready-2");
        await shell.TypeAsync("vim -u NONE -N -n -i NONE\r");
        await shell.WaitForAsync("~");
        await shell.WaitForQuietAsync(Quiet);
        await shell.TypeAsync("itext in vim");
        await shell.WaitForAsync("text in vim");
        await shell.TypeAsync("\u001b");
        await shell.WaitForQuietAsync(Quiet);
        await shell.TypeAsync(":q!\r");
        await shell.WaitForAsync("?1049l");
        await shell.TypeAsync("echo back-$((2+3))\r");
        await shell.WaitForAsync("back-5");
        await shell.WaitForQuietAsync(Quiet);

        await AssertRestoresAsync(shell.Output, [], "vim then the shell");
    }

    [Fact]
    public async Task Less_PagingAndSearching_SnapshotRebuildsTheScreen()
    {
        await using var less = PtySession.Start("less -R /usr/share/common-licenses/GPL-3", Columns, Rows);
        await less.WaitForAsync("GNU GENERAL PUBLIC LICENSE");
        await less.WaitForQuietAsync(Quiet);
        var cuts = new List<int> { less.Output.Length };
        await less.TypeAsync(" ");
        await less.WaitForQuietAsync(Quiet);
        cuts.Add(less.Output.Length);
        await less.TypeAsync("/Corresponding\r");
        await less.WaitForQuietAsync(Quiet);
        cuts.Add(less.Output.Length);
        await less.TypeAsync("kkk");
        await less.WaitForQuietAsync(Quiet);

        await AssertRestoresAsync(less.Output, cuts, "less");
    }

    [Fact]
    public async Task Tmux_SplitWindowsWithOutput_SnapshotRebuildsTheScreen()
    {
        var socket = $"screen-{Guid.NewGuid():N}";
        await using var tmux = PtySession.Start(
            $"tmux -L {socket} -f /dev/null new-session 'ls --color=always /usr/share; exec sh' \\; "
            + "split-window -h 'top -d 5' \\; split-window -v 'vim -u NONE -N -n -i NONE'", Columns, Rows);
        try
        {
            await tmux.WaitForAsync("PID");
            await tmux.WaitForQuietAsync(TimeSpan.FromMilliseconds(500));
            var cuts = new List<int> { tmux.Output.Length };
            await tmux.TypeAsync("ihello from vim in tmux");
            await tmux.WaitForAsync("hello from vim");
            await tmux.WaitForQuietAsync(Quiet);

            await AssertRestoresAsync(tmux.Output, cuts, "tmux");
        }
        finally
        {
            await Bastion.Testing.ToolRunner.RunAsync("tmux", ["-L", socket, "kill-server"]);
        }
    }

    [Fact]
    public async Task Top_ForSomeRefreshes_SnapshotRebuildsTheScreen()
    {
        await using var top = PtySession.Start("top -d 0.3", Columns, Rows);
        await top.WaitForAsync("PID");
        var cuts = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var before = top.Output.Length;
            await WaitForGrowthAsync(top, before);
            cuts.Add(top.Output.Length);
        }

        await AssertRestoresAsync(top.Output, cuts, "top");
    }

    [Fact]
    public async Task LsRecursive_LongColouredOutput_SnapshotRebuildsTheScreen()
    {
        await using var ls = PtySession.Start("ls --color=always -R /usr/share", Columns, Rows);
        await ls.WaitForExitAsync();

        await AssertRestoresAsync(ls.Output, [], "ls -R", spread: 3);
    }

    [Fact]
    public async Task Bash_ColourPrompt_SnapshotRebuildsTheScreen()
    {
        await using var bash = PtySession.Start("bash --norc --noprofile -i", Columns, Rows);
        await bash.TypeAsync("PS1='\\[\\e[1;32m\\]user@host\\[\\e[0m\\]:\\[\\e[1;34m\\]\\w\\[\\e[0m\\]\\$ '\r");
        await bash.TypeAsync("cd /usr/share; ls --color=always | head -40; echo done-$((6*7))\r");
        await bash.WaitForAsync("done-42");
        await bash.TypeAsync("printf 'partial \\e[33myellow'");
        await bash.WaitForQuietAsync(Quiet);

        await AssertRestoresAsync(bash.Output, [], "bash prompt");
    }

    private async Task AssertRestoresAsync(string stream, IEnumerable<int> cuts, string what, int spread = 8)
    {
        var all = cuts.Concat(ScreenRestore.SpreadCuts(stream, spread)).ToList();
        output.WriteLine($"{what}: {stream.Length} chars, cuts at {string.Join(", ", all.Distinct().Order())}");
        var tracker = new ScreenTracker(Columns, Rows);
        ScreenRestore.FeedInPieces(tracker, stream, seed: 7);
        output.WriteLine($"{what}: snapshot {tracker.Snapshot().Length} chars");
        await ScreenRestore.AssertAtCutsAsync(Columns, Rows, stream, all, what);
    }

    private static async Task WaitForGrowthAsync(PtySession session, int length)
    {
        using var timeout = Bastion.Testing.TestTimeouts.CreateTokenSource();
        while (session.Output.Length == length)
        {
            await Task.Delay(20, timeout.Token);
        }

        await session.WaitForQuietAsync(TimeSpan.FromMilliseconds(100));
    }
}

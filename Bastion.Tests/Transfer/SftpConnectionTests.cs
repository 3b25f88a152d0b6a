using System.Text.RegularExpressions;

namespace Bastion.Tests.Transfer;

/// <summary>One SFTP connection per session, observed from the real sshd's log: a session's file requests log in
/// once, the connection is closed when the session ends, and one whose sftp-server was killed is replaced by the
/// next request.</summary>
[Collection(TransferCollectionDefinition.Name)]
public sealed partial class SftpConnectionTests(TransferFixture transfer)
{
    private BastionFixture Bastion => transfer.Bastion;

    private SshdServer Sshd => transfer.SftpSshd;

    private Task<(TerminalClient Terminal, string Token)> SessionAsync() => SessionAsync(Bastion);

    private async Task<(TerminalClient Terminal, string Token)> SessionAsync(BastionFixture bastion)
    {
        var hostId = await bastion.Server.AddHostAsync(bastion.AdminToken, Sshd);
        var (userId, _, token) = await bastion.AddUserAsync(["operator"], name: BastionFixture.Unique("sftpconn"));
        await bastion.GrantAsync(userId, hostId);
        var terminal = await bastion.OpenTerminalAsync(hostId, token);
        await terminal.SendInputAsync("echo ready-$((6*7))\r");
        await terminal.WaitForOutputAsync("ready-42");
        return (terminal, token);
    }

    private Task ListAsync(TerminalClient terminal, string token) => ListAsync(Bastion, terminal, token);

    private static async Task ListAsync(BastionFixture bastion, TerminalClient terminal, string token)
    {
        var (status, body) = await bastion.Server.SendAsync(HttpMethod.Get, $"/api/sessions/{terminal.SessionId}/files?path=/", token);
        Assert.True(status == 200, body.ToString());
    }

    /// <summary>Logins of connections opened since the mark ("Accepted password|publickey for ... port N").</summary>
    private IReadOnlyList<string> LoginsSince(int mark) =>
        [.. Sshd.AuthenticationAttemptLines(mark).Where(l => AcceptedLogin().IsMatch(l))];

    [Fact]
    public async Task TwoRequestsInOneSession_LogInOnce()
    {
        var (terminal, token) = await SessionAsync();
        await using var _ = terminal;
        var mark = Sshd.LogLength;

        await ListAsync(terminal, token);
        await ListAsync(terminal, token);
        await ListAsync(terminal, token);

        await Sshd.WaitForLogAsync(_ => LoginsSince(mark).Count >= 1, mark);
        Assert.Single(LoginsSince(mark));
    }

    [Fact]
    public async Task EndingTheSession_ClosesItsSftpConnection()
    {
        var (terminal, token) = await SessionAsync();
        await using var _ = terminal;
        var mark = Sshd.LogLength;
        await ListAsync(terminal, token);
        await ListAsync(terminal, token);
        await Sshd.WaitForLogAsync(_ => LoginsSince(mark).Count >= 1, mark);
        Assert.Single(LoginsSince(mark)); // kept open between the requests

        var (ended, _) = await Bastion.Server.SendAsync(HttpMethod.Delete, $"/api/sessions/{terminal.SessionId}", token);
        Assert.True(ended is 200 or 202 or 204, $"ending the session answered {ended}");

        // Every connection opened since the mark (the SFTP one; the shell's is older) logs its end.
        await Sshd.WaitForConnectionsToEndAsync(mark, minimumConnections: 1);
    }

    [Fact]
    public async Task AnIdleSftpConnection_IsClosed_AndTheNextRequestOpensItAgain()
    {
        await using var bastion = await BastionFixture.StartAsync(Sshd, new Dictionary<string, string>
        {
            ["Terminal:DetachedGrace"] = "00:00:00",
            ["Transfer:IdleClose"] = "00:00:01",
        }).WithTimeout(TransferFixture.StartTimeout);
        var (terminal, token) = await SessionAsync(bastion);
        await using var _ = terminal;
        var mark = Sshd.LogLength;

        await ListAsync(bastion, terminal, token);
        await Sshd.WaitForConnectionsToEndAsync(mark, minimumConnections: 1); // closed while the session runs on (the next list needs it live)

        await ListAsync(bastion, terminal, token);
        await Sshd.WaitForLogAsync(_ => LoginsSince(mark).Count >= 2, mark);
    }

    [Fact]
    public async Task AKilledSftpConnection_IsReplacedByTheNextRequest()
    {
        var (terminal, token) = await SessionAsync();
        await using var _ = terminal;
        var mark = Sshd.LogLength;
        await ListAsync(terminal, token);
        await Sshd.WaitForLogAsync(_ => LoginsSince(mark).Count >= 1, mark);
        Assert.Single(LoginsSince(mark));

        // sftp-server dies; the SSH connection itself stays up, so the client is dead only on its channel.
        var killed = KillSftpServers();
        Assert.NotEmpty(killed);

        await ListAsync(terminal, token);
        await Sshd.WaitForLogAsync(_ => LoginsSince(mark).Count >= 2, mark);
        Assert.Equal(2, LoginsSince(mark).Count);
    }

    /// <summary>Kills the sftp-server processes that run under this test's sshd (found by walking each one's parents
    /// up to the listener, whose command line names the sshd's directory), and only those.</summary>
    private List<int> KillSftpServers()
    {
        var killed = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || !CommandLine(pid).Contains("sftp-server", StringComparison.Ordinal))
            {
                continue;
            }

            for (var parent = ParentOf(pid); parent > 1; parent = ParentOf(parent))
            {
                if (CommandLine(parent).Contains(Sshd.DirectoryPath, StringComparison.Ordinal))
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                    killed.Add(pid);
                    break;
                }
            }
        }

        return killed;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [GeneratedRegex(@"\bAccepted (?:password|publickey|keyboard-interactive\S*) for ", RegexOptions.CultureInvariant)]
    private static partial Regex AcceptedLogin();
}

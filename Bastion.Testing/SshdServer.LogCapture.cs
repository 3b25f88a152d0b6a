using System.Text.RegularExpressions;

namespace Bastion.Testing;

public sealed partial class SshdServer
{
    /// <summary>Everything sshd (and the per-connection sshd processes it forks) wrote so far, across restarts.</summary>
    public string Log
    {
        get
        {
            lock (_logLock)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>A mark for <see cref="LogSince"/>: take it before the action whose log lines you want to inspect.</summary>
    public int LogLength
    {
        get
        {
            lock (_logLock)
            {
                return _log.Length;
            }
        }
    }

    private Task LogAppended
    {
        get
        {
            lock (_logLock)
            {
                return _logAppended.Task;
            }
        }
    }

    public string LogSince(int offset)
    {
        lock (_logLock)
        {
            var start = Math.Clamp(offset, 0, _log.Length);
            return _log.ToString(start, _log.Length - start);
        }
    }

    /// <summary>
    /// True if a connection opened since <paramref name="fromOffset"/> reached authentication: its client sent an
    /// SSH_MSG_USERAUTH_REQUEST (a user name, a key or a password). A client that rejects the host key during key
    /// exchange leaves only "Connection from ..." and "Connection closed by 127.0.0.1 port N [preauth]". sshd logs
    /// asynchronously: call <see cref="WaitForConnectionsToEndAsync"/> first, or a false result proves nothing.
    /// </summary>
    public bool LogShowsAuthenticationAttempt(int fromOffset = 0) => AuthenticationAttemptLines(fromOffset).Count > 0;

    /// <summary>
    /// The authentication lines of connections opened since <paramref name="fromOffset"/>. Lines are attributed by
    /// client port, so late lines of an earlier test's connection do not count. Port-less lines ("Accepted key ...",
    /// "userauth_pubkey: ...", "PAM: ...") are not counted alone: sshd always follows them with a line that names the
    /// port ("Postponed/Accepted/Failed publickey|password for ... port N").
    /// </summary>
    public IReadOnlyList<string> AuthenticationAttemptLines(int fromOffset = 0)
    {
        var lines = LogSince(fromOffset).Split('\n');
        var opened = ConnectionPorts(lines, ConnectionStart());
        return [.. lines.Where(l => IsAuthenticationAttemptLine(l) && ClientPort(l) is { } port && opened.Contains(port))];
    }

    public static bool IsAuthenticationAttemptLine(string line) => AuthenticationAttempt().IsMatch(line);

    /// <summary>A connection's last line, before or after authentication.</summary>
    public static bool IsConnectionEndLine(string line) => ConnectionEnd().IsMatch(line);

    /// <summary>
    /// Waits until at least <paramref name="minimumConnections"/> connections were opened since
    /// <paramref name="fromOffset"/> and each of them logged its end. Returns the log since the mark.
    /// </summary>
    public Task<string> WaitForConnectionsToEndAsync(
        int fromOffset,
        int minimumConnections = 1,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        WaitForLogAsync(
            text =>
            {
                var lines = text.Split('\n');
                var opened = ConnectionPorts(lines, ConnectionStart());
                return opened.Count >= minimumConnections && opened.IsSubsetOf(ConnectionPorts(lines, ConnectionEnd()));
            },
            fromOffset,
            timeout,
            cancellationToken);

    /// <summary>Waits until <paramref name="predicate"/> holds for the log text since <paramref name="fromOffset"/>.</summary>
    public async Task<string> WaitForLogAsync(
        Func<string, bool> predicate,
        int fromOffset = 0,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? TestTimeouts.Default;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(limit);
        try
        {
            while (true)
            {
                var appended = LogAppended;
                var text = LogSince(fromOffset);
                if (predicate(text))
                {
                    return text;
                }

                await appended.WaitAsync(timeoutSource.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The sshd log did not match within {limit}. Log since the mark:\n{LogSince(fromOffset)}");
        }
    }

    public Task<string> WaitForLogLineAsync(
        Func<string, bool> linePredicate,
        int fromOffset = 0,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        WaitForLogAsync(text => text.Split('\n').Any(linePredicate), fromOffset, timeout, cancellationToken);

    private void AppendLog(string line)
    {
        TaskCompletionSource appended;
        lock (_logLock)
        {
            _log.Append(line).Append('\n');
            appended = _logAppended;
            _logAppended = NewSignal();
        }

        appended.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // OpenSSH 9.2 at LogLevel VERBOSE. auth_log: "Accepted|Failed|Postponed|Partial <method> for [invalid user] <u>";
    // auth2-pubkeyfile.c: "Accepted key ED25519 SHA256:... found at"; getpwnamallow: "Invalid user <u>",
    // "User <u> not allowed because ..."; packet.c names the peer "authenticating user <u>" / "invalid user <u>" once
    // a userauth request arrived (this is the only trace of a bare "none" probe); plus "Authentication refused",
    // "maximum authentication attempts", "Too many authentication failures", "PAM: Authentication failure",
    // "ROOT LOGIN REFUSED" and "userauth_*" diagnostics.
    [GeneratedRegex(
        @"\b(?:Accepted|Failed|Postponed|Partial) \S+ for \S|\bAccepted key\b|\bInvalid user\b|\b(?:authenticating|invalid) user \S|\bnot allowed because\b|\buserauth|\bauthentication\b|\bPAM: |ROOT LOGIN REFUSED",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthenticationAttempt();

    private static HashSet<int> ConnectionPorts(IEnumerable<string> lines, Regex kind) =>
        [.. lines.Where(l => kind.IsMatch(l)).Select(ClientPort).OfType<int>()];

    // The first "port N" of a per-connection line is the client's port; "Connection from" names the server's second.
    private static int? ClientPort(string line) =>
        ClientPortPattern().Match(line) is { Success: true } match ? int.Parse(match.Groups[1].ValueSpan) : null;

    [GeneratedRegex(@"\bport (\d+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ClientPortPattern();

    // "Connection from 127.0.0.1 port 55298 on 127.0.0.1 port 36021 rdomain """
    [GeneratedRegex(@"^Connection from \S+ port \d+ on ", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStart();

    // "Connection closed by [authenticating user u ]127.0.0.1 port N [preauth]", "Disconnected from [user u ]...",
    // "Connection reset by ...", "Unable to negotiate with ...", "Timeout before authentication for ...".
    // ("Received disconnect from" is not an end: sshd follows it with "Disconnected from".)
    [GeneratedRegex(
        @"^(?:Connection closed by|Connection reset by|Disconnected from|Unable to negotiate with|Timeout before authentication|banner exchange: Connection from)",
        RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionEnd();
}

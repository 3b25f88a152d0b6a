using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Bastion.Testing;

/// <summary>
/// Stops a server this test process started (PostgreSQL, sshd, redis-server, nginx, rsyslogd, Bastion, the OpenID
/// provider) when the test process ends without stopping it: killed (SIGKILL, a cancelled run), crashed, or gone before
/// its fixtures were disposed. A watchdog shell in a session of its own (so a signal to the test's process group
/// spares it) blocks reading a pipe whose write end only this process holds; the kernel closes it however this process
/// ends. At that EOF the watchdog signals the server by its PID, only if that PID still has the server's start time
/// (a reused PID is left alone), then its children, SIGKILL after 10 s, and removes the server's directory if given.
/// A normal stop releases the watchdog first (<see cref="Release"/>: one line on the pipe, and it exits).
/// </summary>
internal static class OrphanWatch
{
    /// <summary>$1 = the server's PID, $2 = the signal, $3 = a directory to remove afterwards (or empty).</summary>
    private const string Script = """
        exec >/dev/null 2>&1
        pid=$1; sig=$2; dir=$3
        born() { s=$(cat /proc/$pid/stat 2>/dev/null) || return 1; s=${s##*) }; set -- $s; [ "$1" != Z ] && echo "${20}"; }
        tree() { local k; for k in $(pgrep -P "$1"); do tree "$k"; echo "$k"; done; }
        start=$(born) || exit 0
        if read -r _; then exit 0; fi
        [ "$(born)" = "$start" ] || exit 0
        kids=$(tree $pid)
        kill -s "$sig" $pid
        [ "$sig" = KILL ] && kill -s KILL $kids
        i=0
        while [ "$(born)" = "$start" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
        [ "$(born)" = "$start" ] && kill -s KILL $pid $kids
        [ -n "$dir" ] && rm -rf "$dir"
        exit 0
        """;

    private static readonly ConcurrentDictionary<int, Process> Watchdogs = new();

    /// <param name="pid">The server's PID (this process's child).</param>
    /// <param name="signal">What stops it: KILL (the default, as the fixtures stop it), or QUIT for PostgreSQL's
    /// immediate shutdown, which still removes its shared memory.</param>
    /// <param name="removeDirectory">The server's temporary directory, removed once it is gone.</param>
    public static void Start(int pid, string signal = "KILL", string? removeDirectory = null)
    {
        var info = new ProcessStartInfo("/usr/bin/setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "/bin/sh", "-c", Script, "orphan-watch", pid.ToString(CultureInfo.InvariantCulture), signal, removeDirectory ?? "" })
        {
            info.ArgumentList.Add(argument);
        }

        // Held in the dictionary: were the Process collected, its pipe would close and the watchdog stop the server.
        Watchdogs[pid] = Process.Start(info) ?? throw new InvalidOperationException("could not start the orphan watchdog");
    }

    /// <summary>For the watchdog's own test: closes the pipe without a word, as this process's end would.</summary>
    internal static void Abandon(int pid)
    {
        if (Watchdogs.TryRemove(pid, out var watchdog))
        {
            watchdog.StandardInput.Close();
            watchdog.Dispose();
        }
    }

    /// <summary>The server is being stopped normally: the watchdog exits without touching it.</summary>
    public static void Release(int pid)
    {
        if (!Watchdogs.TryRemove(pid, out var watchdog))
        {
            return;
        }

        try
        {
            watchdog.StandardInput.WriteLine("release");
            watchdog.StandardInput.Close();
        }
        catch (IOException)
        {
            // The watchdog already went (its server's PID had gone at start).
        }

        watchdog.Dispose();
    }
}

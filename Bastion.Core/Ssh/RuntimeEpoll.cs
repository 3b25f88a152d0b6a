using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Bastion.Core.Ssh;

/// <summary>
/// The .NET runtime's epoll registration of a socket (Linux), seen and changed from outside the runtime
/// (issue 12, <see cref="SshNetInternals.MakeReceiveBlocking"/>).
/// <para>
/// Why: once a socket has done one asynchronous operation (SSH.NET's <c>ConnectAsync</c> and version exchange), .NET
/// keeps it registered in its epoll set for read and write readiness, edge-triggered, until it is closed. For a socket
/// whose only reader blocks in <c>recv</c>, each arrival of data still wakes the runtime's epoll thread, which, finding
/// no operation waiting, queues the event to the thread pool (<c>SocketAsyncEngine.HandleSocketEvents</c> →
/// <c>HandleSyncEventsSpeculatively</c>): a second thread woken per packet for nothing. <see cref="StopReadEvents"/>
/// takes read readiness out of the registration (<c>EPOLL_CTL_MOD</c> with the same data and events less
/// <c>EPOLLIN</c>); write readiness, errors and hang-up stay, so a send that waits for room is still woken. The
/// runtime's epoll descriptor and its data word are not public: both are read from <c>/proc/self/fdinfo</c>, the
/// kernel's own listing of every epoll set's registrations (proc(5)).
/// </para>
/// </summary>
internal static partial class RuntimeEpoll
{
    private const int EpollCtlMod = 3;
    private const uint EpollIn = 0x001;
    private const string EventPollLink = "anon_inode:[eventpoll]";

    private static readonly Lock s_lock = new();
    private static int[] s_eventPolls = [];

    /// <summary>Removes <c>EPOLLIN</c> from the epoll registration of <paramref name="fd"/>. True when it is done (or was
    /// not there); false when no epoll set of this process holds the descriptor or the change failed.</summary>
    public static bool StopReadEvents(int fd)
    {
        if (Find(fd) is not { } registration)
        {
            return false;
        }

        if ((registration.Events & EpollIn) == 0)
        {
            return true;
        }

        // struct epoll_event: { uint32 events; uint64 data; }, packed (12 bytes) on x86-64, 16 bytes elsewhere.
        var buffer = new byte[16];
        var dataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;
        BitConverter.TryWriteBytes(buffer.AsSpan(0, 4), registration.Events & ~EpollIn);
        BitConverter.TryWriteBytes(buffer.AsSpan(dataOffset, 8), registration.Data);
        return EpollCtl(registration.EventPoll, EpollCtlMod, fd, buffer) == 0;
    }

    /// <summary>Whether an epoll set of this process waits for read readiness of <paramref name="fd"/>; null when none
    /// holds it (for tests and the bench).</summary>
    public static bool? WaitsForReads(int fd) => Find(fd) is { } registration ? (registration.Events & EpollIn) != 0 : null;

    /// <summary>The registration of <paramref name="fd"/>: the epoll sets found before first, then a fresh look at
    /// every descriptor of the process (the runtime's epoll sets are made once, at its first socket operation).</summary>
    private static Registration? Find(int fd)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        int[] known;
        lock (s_lock)
        {
            known = s_eventPolls;
        }

        if (FindIn(known, fd) is { } found)
        {
            return found;
        }

        var all = EventPolls();
        lock (s_lock)
        {
            s_eventPolls = all;
        }

        return FindIn(all, fd);
    }

    /// <summary>Reads each epoll set's listing line by line and stops at <paramref name="fd"/>'s: the listing has a line
    /// per socket of the process (about 90 bytes each), so it is never read whole into one string (with thousands of
    /// sockets open that string would land on the large-object heap at every connect). The runtime's data word is not
    /// the descriptor (it is the runtime's own context index), so the listing is the only place to learn it.</summary>
    private static Registration? FindIn(int[] eventPolls, int fd)
    {
        foreach (var eventPoll in eventPolls)
        {
            try
            {
                using var reader = new StreamReader(
                    $"/proc/self/fdinfo/{eventPoll}", Encoding.ASCII, false, new FileStreamOptions { BufferSize = 4096 });
                while (reader.ReadLine() is { } line)
                {
                    if (TargetOf(line) != fd)
                    {
                        continue;
                    }

                    var match = TargetLine().Match(line);
                    if (match.Success)
                    {
                        return new Registration(eventPoll,
                            uint.Parse(match.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                            ulong.Parse(match.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // closed meanwhile, or no such listing: the next set
            }
        }

        return null;
    }

    /// <summary>The descriptor a "tfd:" line names, or -1; parsed in place, so lines for other sockets cost nothing.</summary>
    private static int TargetOf(string line)
    {
        if (!line.StartsWith("tfd:", StringComparison.Ordinal))
        {
            return -1;
        }

        var rest = line.AsSpan(4).TrimStart();
        var end = rest.IndexOfAny(' ', '\t');
        return int.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var target) ? target : -1;
    }

    /// <summary>This process's epoll descriptors.</summary>
    private static int[] EventPolls()
    {
        var found = new List<int>();
        try
        {
            foreach (var entry in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
            {
                try
                {
                    if (entry.LinkTarget == EventPollLink && int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var fd))
                    {
                        found.Add(fd);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // closed meanwhile
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // no /proc: nothing found
        }

        return [.. found];
    }

    /// <summary>One registration line of an epoll descriptor's fdinfo (fs/eventpoll.c: "tfd: %8d events: %8x data: %16llx").</summary>
    [GeneratedRegex(@"^tfd:\s*(\d+)\s+events:\s*([0-9a-fA-F]+)\s+data:\s*([0-9a-fA-F]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TargetLine();

    private readonly record struct Registration(int EventPoll, uint Events, ulong Data);

#pragma warning disable SYSLIB1054 // DllImport rather than LibraryImport: as in AtomicFile, no unsafe blocks (the event is a byte array).
    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int EpollCtl(int eventPoll, int operation, int fd, byte[] eventData);
#pragma warning restore SYSLIB1054
}

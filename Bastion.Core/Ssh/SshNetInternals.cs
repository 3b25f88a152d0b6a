using System.Reflection;
using System.Runtime.ExceptionServices;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Core.Ssh;

/// <summary>
/// Every use of SSH.NET internals in one place, each with a reason and a test (SshNetInternalsTests), and one
/// <see cref="EnsureSupported"/> probe that the host calls at start-up so that an SSH.NET upgrade which changes them
/// stops the server with a clear message instead of degrading sessions silently.
/// <list type="number">
/// <item><b>Bounded channel window</b> (<see cref="CreateShellStream"/>): SSH.NET 2026.0.0 opens every session channel
/// with a 2 GiB window (<c>Session.CreateChannelSession</c>) and tops it up before raising data events, so however hard
/// Bastion pushes back, sshd may queue up to its own 16 MiB channel buffer plus socket buffers; after Ctrl+C during a
/// flood all of that still has to reach the browser (issue #5). There is no public setting, so the <c>ShellStream</c>
/// is built through its internal constructor with a <see cref="SessionProxy"/> whose <c>CreateChannelSession</c>
/// passes our window.</item>
/// <item><b>Exit status</b> (<see cref="WatchExitStatus"/>): <c>ShellStream</c> does not surface RFC 4254 §6.10
/// "exit-status"; its private <c>_channel</c> does, through an internal event type.</item>
/// <item><b>The client's session</b> (<see cref="SessionOf"/>): SSH_MSG_DISCONNECT from the host raises only the
/// internal <c>Session.Disconnected</c>; without it a terminal would freeze when a host says goodbye.</item>
/// <item><b>Shell channel data</b> (<see cref="CreateShellStream"/> with a data handler): packets go from the channel
/// to the relay's buffer, not through <c>ShellStream</c>'s (SshNetInternals.ChannelData.cs).</item>
/// <item><b>Shell input</b> (<see cref="SendData"/>): input goes straight to the channel's <c>SendData</c>, not
/// through <c>ShellStream</c>'s write buffer, so the stream's buffers can be one byte each (issue 12: memory per
/// session; SshNetInternals.ChannelData.cs).</item>
/// <item><b>Blocking receive</b>: the connected session's socket is made blocking so SSH.NET's receive thread reads it
/// with one <c>recv</c> per call instead of .NET's epoll emulation (SshNetInternals.Blocking.cs, issue 12).</item>
/// </list>
/// </summary>
internal static partial class SshNetInternals
{
    private const uint ChannelPacketSize = 64 * 1024;

    private static readonly Assembly s_sshNet = typeof(SshClient).Assembly;
    private static readonly Type? s_sessionInterface = s_sshNet.GetType("Renci.SshNet.ISession");
    private static readonly PropertyInfo? s_clientSession =
        typeof(BaseClient).GetProperty("Session", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly PropertyInfo? s_nextChannelNumber =
        typeof(Session).GetProperty("NextChannelNumber", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly ConstructorInfo? s_channelCtor = s_sessionInterface is null ? null :
        s_sshNet.GetType("Renci.SshNet.Channels.ChannelSession")?.GetConstructor(
            BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [s_sessionInterface, typeof(uint), typeof(uint), typeof(uint)]);
    private static readonly ConstructorInfo? s_shellCtor = s_sessionInterface is null ? null :
        typeof(ShellStream).GetConstructor(
            BindingFlags.Instance | BindingFlags.NonPublic,
            [s_sessionInterface, typeof(string), typeof(uint), typeof(uint), typeof(uint), typeof(uint), typeof(IDictionary<TerminalModes, uint>), typeof(int)]);
    private static readonly FieldInfo? s_shellChannel = typeof(ShellStream).GetField("_channel", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly EventInfo? s_requestReceived = s_shellChannel is null ? null : FindEvent(s_shellChannel.FieldType, "RequestReceived");

    /// <summary>The SSH.NET build in use, for messages.</summary>
    public static string SshNetVersion { get; } =
        s_sshNet.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? s_sshNet.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The internals this SSH.NET build lacks (empty when all are there).</summary>
    public static IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (s_sessionInterface is null || s_nextChannelNumber is null || s_channelCtor is null || s_shellCtor is null)
        {
            missing.Add("bounded channel window (ISession, Session.NextChannelNumber, ChannelSession and ShellStream constructors)");
        }

        if (s_shellChannel is null || s_requestReceived?.EventHandlerType is null)
        {
            missing.Add("exit status (ShellStream._channel.RequestReceived)");
        }

        if (s_clientSession is null)
        {
            missing.Add("host disconnect (BaseClient.Session)");
        }

        if (ProbeChannelDataSeam() is { } channelData)
        {
            missing.Add($"shell channel data ({channelData})");
        }

        return missing;
    }

    /// <summary>The start-up probe: throws, naming the SSH.NET version and what is missing, if any internal is gone.</summary>
    public static void EnsureSupported()
    {
        var missing = Missing();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"SSH.NET {SshNetVersion} lacks internals Bastion relies on: {string.Join("; ", missing)}. " +
                "Use the SSH.NET version pinned in Directory.Packages.props, or adapt Bastion.Core/Ssh/SshNetInternals.cs.");
        }
    }

    /// <summary>Opens a PTY shell whose channel grants the host <paramref name="windowBytes"/> of window. With
    /// <paramref name="onData"/>, every packet of output goes to it (from the first one on, on SSH.NET's receive
    /// thread) and the stream's own read side stays empty: read the output there, never from the stream.</summary>
    public static ShellStream CreateShellStream(
        SshClient client, string terminalName, uint cols, uint rows, IDictionary<TerminalModes, uint> modes, int bufferSize, uint windowBytes,
        Action<ArraySegment<byte>>? onData = null)
    {
        EnsureSupported();
        var session = s_clientSession!.GetValue(client) ?? throw new SshConnectionException("Client not connected.");
        var proxy = DispatchProxy.Create(s_sessionInterface!, typeof(SessionProxy));
        ((SessionProxy)proxy).Initialize(session, () =>
        {
            var channel = s_channelCtor!.Invoke([session, s_nextChannelNumber!.GetValue(session), windowBytes, ChannelPacketSize]);
            if (onData is not null)
            {
                TakeChannelData(channel, onData);
            }

            return channel;
        });
        try
        {
            var shell = (ShellStream)s_shellCtor!.Invoke([proxy, terminalName, cols, rows, 0u, 0u, modes, bufferSize]);
            if (onData is not null)
            {
                DetachShellBuffer(shell);
            }

            return shell;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    /// <summary>Calls <paramref name="onExitStatus"/> with the remote command's exit status when the host sends it.</summary>
    public static void WatchExitStatus(ShellStream shell, Action<int> onExitStatus)
    {
        var channel = s_shellChannel!.GetValue(shell)!;

        // The event's argument type is internal: bind a (object, EventArgs) handler, which delegate contravariance
        // allows, and read the request by reflection.
        var watcher = new ExitStatusWatcher(onExitStatus);
        var handler = Delegate.CreateDelegate(s_requestReceived!.EventHandlerType!, watcher, typeof(ExitStatusWatcher).GetMethod(nameof(ExitStatusWatcher.OnRequest))!);
        s_requestReceived.AddEventHandler(channel, handler);
    }

    /// <summary>The client's SSH session, for events SSH.NET does not surface on the client (host DISCONNECT).</summary>
    public static Session? SessionOf(SshClient client) => s_clientSession!.GetValue(client) as Session;

    /// <summary>The window the shell's channel grants the host, for the test that pins the bounded window.</summary>
    internal static uint? LocalWindowSizeOf(ShellStream shell) =>
        s_shellChannel?.GetValue(shell) is { } channel
            ? channel.GetType().GetProperty("LocalWindowSize", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(channel) as uint?
            : null;

    /// <summary>The field is typed as an internal interface whose event is declared on a base interface.</summary>
    private static EventInfo? FindEvent(Type type, string name) =>
        type.GetEvent(name, BindingFlags.Instance | BindingFlags.Public)
        ?? type.GetInterfaces().Select(i => i.GetEvent(name, BindingFlags.Instance | BindingFlags.Public)).FirstOrDefault(e => e is not null);

    private sealed class ExitStatusWatcher(Action<int> onExitStatus)
    {
        public void OnRequest(object? sender, EventArgs e)
        {
            var info = e.GetType().GetProperty("Info")?.GetValue(e);
            if (info?.GetType().GetProperty("RequestName")?.GetValue(info) as string == "exit-status"
                && info.GetType().GetProperty("ExitStatus")?.GetValue(info) is uint status)
            {
                onExitStatus((int)status);
            }
        }
    }
}

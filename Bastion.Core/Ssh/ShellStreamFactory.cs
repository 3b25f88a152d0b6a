using System.Reflection;
using System.Runtime.ExceptionServices;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Bastion.Core.Ssh;

/// <summary>
/// Opens a PTY shell with a bounded SSH channel window.
/// <para>
/// Why: SSH.NET 2026.0.0 opens every session channel with a 2 GiB window (<c>Session.CreateChannelSession</c>) and tops
/// it up before raising data events, so however hard Bastion pushes back, sshd may queue up to its own 16 MiB channel
/// buffer plus socket buffers; after Ctrl+C during a flood all of that still has to reach the browser (issue #5).
/// A window of a few hundred KiB bounds what is in flight between sshd and Bastion. SSH.NET has no public setting,
/// so this constructs the <c>ShellStream</c> through its internal constructor with a session proxy whose
/// <c>CreateChannelSession</c> passes our window. If the internals ever change shape, it falls back to the public API
/// (unbounded window) and says so through <see cref="WindowLimited"/>; a test pins this to the package version.
/// </para>
/// </summary>
internal static class ShellStreamFactory
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

    /// <summary>True when this SSH.NET build has the internals the bounded window needs.</summary>
    public static bool WindowLimited { get; } =
        s_sessionInterface is not null && s_clientSession is not null && s_nextChannelNumber is not null && s_channelCtor is not null && s_shellCtor is not null;

    private static readonly FieldInfo? s_shellChannel = typeof(ShellStream).GetField("_channel", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>
    /// Calls <paramref name="onExitStatus"/> with the remote command's exit status (RFC 4254 §6.10 "exit-status").
    /// ShellStream does not surface it; its channel does, through an internal type. Returns false if this SSH.NET
    /// build has no such seam, in which case sessions simply report no exit status.
    /// </summary>
    public static bool WatchExitStatus(ShellStream shell, Action<int> onExitStatus)
    {
        var channel = s_shellChannel?.GetValue(shell);
        var requestReceived = channel?.GetType().GetEvent("RequestReceived", BindingFlags.Instance | BindingFlags.Public);
        if (channel is null || requestReceived?.EventHandlerType is not { } handlerType)
        {
            return false;
        }

        // The event's argument type is internal: bind a (object, EventArgs) handler, which delegate contravariance
        // allows, and read the request by reflection.
        var watcher = new ExitStatusWatcher(onExitStatus);
        var handler = Delegate.CreateDelegate(handlerType, watcher, typeof(ExitStatusWatcher).GetMethod(nameof(ExitStatusWatcher.OnRequest))!);
        requestReceived.AddEventHandler(channel, handler);
        return true;
    }

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

    /// <summary>The client's SSH session, for events SSH.NET does not surface on the client (host DISCONNECT).</summary>
    public static Session? SessionOf(SshClient client) => s_clientSession?.GetValue(client) as Session;

    public static ShellStream Create(SshClient client, string terminalName, uint cols, uint rows, IDictionary<TerminalModes, uint> modes, int bufferSize, uint windowBytes)
    {
        if (!WindowLimited)
        {
            return client.CreateShellStream(terminalName, cols, rows, 0, 0, bufferSize, modes);
        }

        var session = s_clientSession!.GetValue(client) ?? throw new SshConnectionException("Client not connected.");
        var proxy = DispatchProxy.Create(s_sessionInterface!, typeof(SessionProxy));
        ((SessionProxy)proxy).Initialize(session, () =>
            s_channelCtor!.Invoke([session, s_nextChannelNumber!.GetValue(session), windowBytes, ChannelPacketSize]));
        try
        {
            return (ShellStream)s_shellCtor!.Invoke([proxy, terminalName, cols, rows, 0u, 0u, modes, bufferSize]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}

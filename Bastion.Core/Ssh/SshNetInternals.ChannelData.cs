using System.Linq.Expressions;
using System.Reflection;
using Renci.SshNet;

namespace Bastion.Core.Ssh;

/// <summary>
/// SSH.NET internals Bastion reaches by reflection. This part: the shell channel's data, taken straight from the
/// channel instead of through <c>ShellStream</c>.
/// <para>
/// Why (issue 12): <c>ShellStream</c> copies every SSH packet into its own buffer under a lock and pulses a monitor,
/// and reading it back costs three more locked calls and a second copy, all on SSH.NET's receive thread. The relay
/// has its own bounded buffer (<c>OutputBuffer</c>), so the packet is handed to it directly: the channel's internal
/// <c>DataReceived</c> event gets Bastion's handler when the channel is created (before the shell is requested, so
/// not one packet is missed), and the stream's own handler is removed once it is constructed (so nothing is buffered
/// twice, and the stream's buffer, which nobody reads, cannot grow).
/// </para>
/// </summary>
internal static partial class SshNetInternals
{
    private static readonly Type? s_channelDataArgs = typeof(SshClient).Assembly.GetType("Renci.SshNet.Common.ChannelDataEventArgs");
    private static readonly MethodInfo? s_shellOnChannelData =
        typeof(ShellStream).GetMethod("Channel_DataReceived", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly Func<EventArgs, ArraySegment<byte>>? s_dataOf = CompileDataOf();
    private static readonly Action<object, byte[], int, int>? s_sendData = CompileSendData();

    /// <summary>Null when the channel-data seam is present; otherwise what is missing.</summary>
    public static string? ProbeChannelDataSeam() =>
        s_channelCtor is null ? "SSH.NET's ChannelSession constructor is missing"
        : FindEvent(s_channelCtor.DeclaringType!, "DataReceived") is not { EventHandlerType: not null } ? "SSH.NET's channel has no DataReceived event"
        : s_dataOf is null ? "SSH.NET's ChannelDataEventArgs has no ArraySegment<byte> Data"
        : s_shellOnChannelData is null ? "SSH.NET's ShellStream has no Channel_DataReceived handler"
        : s_sendData is null ? "SSH.NET's shell channel has no SendData(byte[], int, int)"
        : null;

    /// <summary>The shell's channel, for <see cref="SendData"/>.</summary>
    public static object ChannelOf(ShellStream shell) => s_shellChannel!.GetValue(shell)!;

    /// <summary>Sends input straight to the shell's channel (<c>IChannel.SendData</c>: split into packets the host's
    /// packet size and window allow, waiting for window), as <c>ShellStream.Flush</c> does with its write buffer; the
    /// stream's buffer is not used, so it can be one byte (issue 12: memory per session).</summary>
    public static void SendData(object channel, byte[] data, int offset, int count) => s_sendData!(channel, data, offset, count);

    /// <summary>Subscribes <paramref name="onData"/> to a freshly created channel's data (every packet, on SSH.NET's
    /// receive thread; the segment may point into SSH.NET's packet buffer, so it is valid only during the call).</summary>
    private static void TakeChannelData(object channel, Action<ArraySegment<byte>> onData)
    {
        var received = FindEvent(channel.GetType(), "DataReceived")!;
        var relay = new ChannelDataRelay(onData);
        received.AddEventHandler(channel, Delegate.CreateDelegate(received.EventHandlerType!, relay, ChannelDataRelay.Method));
    }

    /// <summary>Removes the stream's own handler from its channel: from now on only Bastion's sees the data.</summary>
    private static void DetachShellBuffer(ShellStream shell)
    {
        var channel = s_shellChannel!.GetValue(shell)!;
        var received = FindEvent(channel.GetType(), "DataReceived")!;
        received.RemoveEventHandler(channel, Delegate.CreateDelegate(received.EventHandlerType!, shell, s_shellOnChannelData!));
    }

    private static Func<EventArgs, ArraySegment<byte>>? CompileDataOf()
    {
        if (s_channelDataArgs?.GetProperty("Data", BindingFlags.Instance | BindingFlags.Public) is not { PropertyType: var type } data || type != typeof(ArraySegment<byte>))
        {
            return null;
        }

        var e = Expression.Parameter(typeof(EventArgs), "e");
        return Expression.Lambda<Func<EventArgs, ArraySegment<byte>>>(Expression.Property(Expression.Convert(e, s_channelDataArgs), data), e).Compile();
    }

    private static Action<object, byte[], int, int>? CompileSendData()
    {
        // Not s_shellChannel: static fields of the other part of this class may not be initialised yet.
        if (typeof(ShellStream).GetField("_channel", BindingFlags.Instance | BindingFlags.NonPublic)?.FieldType is not { } channelType)
        {
            return null;
        }

        Type[] parameters = [typeof(byte[]), typeof(int), typeof(int)];
        var send = new[] { channelType }.Concat(channelType.GetInterfaces())
            .Select(t => t.GetMethod("SendData", BindingFlags.Instance | BindingFlags.Public, parameters))
            .FirstOrDefault(m => m is not null && m.ReturnType == typeof(void));
        if (send is null)
        {
            return null;
        }

        var channel = Expression.Parameter(typeof(object), "channel");
        var data = Expression.Parameter(typeof(byte[]), "data");
        var offset = Expression.Parameter(typeof(int), "offset");
        var count = Expression.Parameter(typeof(int), "count");
        return Expression.Lambda<Action<object, byte[], int, int>>(
            Expression.Call(Expression.Convert(channel, send.DeclaringType!), send, data, offset, count), channel, data, offset, count).Compile();
    }

    private sealed class ChannelDataRelay(Action<ArraySegment<byte>> onData)
    {
        public static readonly MethodInfo Method = typeof(ChannelDataRelay).GetMethod(nameof(OnData))!;

        public void OnData(object? sender, EventArgs e) => onData(s_dataOf!(e));
    }
}

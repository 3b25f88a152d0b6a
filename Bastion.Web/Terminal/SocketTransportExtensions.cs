using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Bastion.Web.Terminal;

/// <summary>
/// Kestrel's socket transport (configuration section <c>Transport</c>, bound onto <see cref="SocketTransportOptions"/>:
/// <c>UnsafePreferInlineScheduling</c>, <c>IOQueueCount</c>, <c>WaitForDataBeforeAllocatingBuffer</c>). Bastion's
/// default turns inline scheduling on (issue 12, docs/PERFORMANCE.md): each terminal output frame and each
/// acknowledgement otherwise crosses Kestrel's I/O queue, one thread-pool hand-off per WebSocket message each way.
/// <para>
/// Why inline is safe here: on Linux the runtime still runs socket completions on thread-pool workers (unless
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, which Bastion does not set and must not be set: then
/// application code would run on the epoll thread itself). Inline scheduling only stops Kestrel from queuing a second
/// hand-off behind that worker, so application code that blocks holds up its own connection, as it would on any
/// worker. On the WebSocket path nothing blocks on those threads but the input pump's write to SSH.NET, which waits
/// only when the host stops granting window (SSH.NET's operation timeout bounds it, and it holds a worker either way); the output
/// pump never blocks, and a send to a full socket is pending, not blocking.
/// </para>
/// </summary>
internal static class SocketTransportExtensions
{
    public const string SectionName = "Transport";

    public static void AddBastionSocketTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SocketTransportOptions>(o => o.UnsafePreferInlineScheduling = true);
        services.Configure<SocketTransportOptions>(configuration.GetSection(SectionName));
    }
}

using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tests.Audit;

/// <summary>What the syslog tests compare: the chain in Bastion's store and the messages rsyslog wrote for one Bastion.</summary>
internal static class SyslogDelivery
{
    public static async Task<List<AuditRecord>> ChainAsync(BastionServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        return await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync().WithTimeout();
    }

    public static List<SyslogLine> Of(RsyslogServer collector, string hostname) =>
        [.. collector.ReadMessages().Where(l => l.Hostname == hostname)];

    public static long Seq(SyslogLine line) => long.Parse(line.Param("bastion@", "seq")!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until every event of <paramref name="server"/>'s chain (as it is now) reached the collector.</summary>
    public static async Task<List<SyslogLine>> WaitForChainAsync(BastionServer server, RsyslogServer collector, string hostname, TimeSpan? timeout = null)
    {
        var chain = await ChainAsync(server);
        var wanted = chain.Select(r => r.Sequence).ToHashSet();
        List<SyslogLine> lines = [];
        try
        {
            await Poll.UntilAsync(() =>
            {
                lines = Of(collector, hostname);
                return Task.FromResult(wanted.IsSubsetOf(lines.Select(Seq)));
            }, $"the {wanted.Count} events up to {wanted.Max()} at the collector", timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            var got = lines.Select(Seq).ToHashSet();
            throw new TimeoutException($"{ex.Message} Missing: {string.Join(',', wanted.Except(got).Order().Take(20))}. rsyslog: {collector.ReadInternalLog()}", ex);
        }

        return lines;
    }

    /// <summary>The <c>syslog</c> entry of <c>/readyz</c>: its status and description.</summary>
    public static async Task<(string Status, string Description)> ReadinessAsync(BastionServer server)
    {
        using var response = await server.Http.GetAsync("/readyz").WithTimeout();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WithTimeout());
        var check = doc.RootElement.GetProperty("checks").GetProperty("syslog");
        return (check.GetProperty("status").GetString()!, check.GetProperty("description").GetString() ?? "");
    }
}

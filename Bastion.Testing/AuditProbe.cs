using System.Text.Json;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Recording;
using Bastion.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Testing;

/// <summary>Reads the audit store and sessions index of a running <see cref="BastionServer"/> straight from its database.</summary>
internal static class AuditProbe
{
    public static async Task<List<AuditRecord>> EventsAsync(this BastionServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        return await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync().WithTimeout();
    }

    /// <summary>Polls until an event matching <paramref name="match"/> exists (events after a socket closes are written
    /// a moment later).</summary>
    public static async Task<AuditRecord> WaitForEventAsync(this BastionServer server, Func<AuditRecord, bool> match, string what)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (true)
        {
            var found = (await server.EventsAsync()).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No audit event {what} within {TestTimeouts.Default}.");
            }
        }
    }

    public static async Task<SessionRecord> SessionAsync(this BastionServer server, string id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        return await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == id).WithTimeout();
    }

    /// <summary>Polls until the session's index row is closed (<c>EndedMs</c> set), which happens just after
    /// <c>session.ended</c> is appended: a test that read the row as soon as the event appeared raced that update.</summary>
    public static async Task<SessionRecord> WaitForSessionEndedAsync(this BastionServer server, string id)
    {
        using var timeout = TestTimeouts.CreateTokenSource();
        while (true)
        {
            var session = await server.SessionAsync(id);
            if (session.EndedMs is not null)
            {
                return session;
            }

            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Session {id} was not closed in the sessions index within {TestTimeouts.Default}.");
            }
        }
    }

    public static string Data(this AuditRecord record, string key) =>
        JsonDocument.Parse(record.DataJson).RootElement.TryGetProperty(key, out var value) ? value.GetString() ?? "" : "";

    /// <summary>Creates a user directly in the database (the user API belongs to another feature).</summary>
    public static async Task CreateUserAsync(this BastionServer server, string name, string password, string roles)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        var user = new User { Id = Guid.NewGuid(), UserName = name, PasswordHash = "", Roles = roles, CreatedAt = DateTimeOffset.UtcNow };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync().WithTimeout();
    }

    public static async Task GrantAsync(this BastionServer server, string userName, string hostId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        var user = await db.Users.SingleAsync(u => u.UserName == userName).WithTimeout();
        db.Grants.Add(new Grant { Id = Guid.NewGuid(), UserId = user.Id, HostId = Guid.Parse(hostId) });
        await db.SaveChangesAsync().WithTimeout();
    }

    public static async Task SetRecordInputAsync(this BastionServer server, string hostId, bool value)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        var id = Guid.Parse(hostId);
        await db.Hosts.Where(h => h.Id == id).ExecuteUpdateAsync(u => u.SetProperty(h => h.RecordInput, value)).WithTimeout();
    }

    public static string RecordingPath(this BastionServer server, SessionRecord session) =>
        Path.Combine(server.DataDir, "recordings", session.RecordingFile);
}

using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Recording;
using Bastion.Core.Sessions;
using Bastion.Core.Storage;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.AuditApi;

/// <summary>
/// <c>/api/sessions</c>: the sessions list, one session with its command log, and its recording. Auditors and admins
/// see every session; everyone else only their own (someone else's session is a 404, as if it did not exist).
/// </summary>
internal static class SessionEndpoints
{
    public sealed record ListFilter(bool? Active, string? User, string? Host, long? Before, int? Limit);

    public sealed record SessionPage(IReadOnlyList<SessionDto> Sessions, long? Next);

    public static async Task<Ok<SessionPage>> ListAsync(
        [AsParameters] ListFilter filter, ClaimsPrincipal principal, BastionDbContext db, ISessionRegistry registry, CancellationToken cancellationToken)
    {
        var query = Visible(db.Sessions.AsNoTracking(), principal);
        if (filter.Active is { } active)
        {
            query = active ? query.Where(s => s.EndedMs == null) : query.Where(s => s.EndedMs != null);
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim().ToLowerInvariant();
            query = query.Where(s => s.UserName == user);
        }

        if (!string.IsNullOrWhiteSpace(filter.Host))
        {
            var host = filter.Host.Trim();
            query = Guid.TryParse(host, out var id) ? query.Where(s => s.HostId == id) : query.Where(s => s.HostName == host);
        }

        if (filter.Before is { } before)
        {
            query = query.Where(s => s.StartedMs < before);
        }

        var size = Math.Clamp(filter.Limit ?? 100, 1, 1000);
        var rows = await query.OrderByDescending(s => s.StartedMs).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        // Running sessions say whether a browser is attached (a detached one can be attached to, or ended, by its owner).
        var dtos = page.Select(s => SessionDto.From(s) with { Detached = registry.Find(s.Id)?.IsDetached }).ToList();
        return TypedResults.Ok(new SessionPage(dtos, rows.Count > size ? page[^1].StartedMs : null));
    }

    public static async Task<Results<Ok<SessionDetail>, NotFound<ApiError>>> GetAsync(
        string id, ClaimsPrincipal principal, BastionDbContext db, CancellationToken cancellationToken)
    {
        var session = await Visible(db.Sessions.AsNoTracking(), principal).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return TypedResults.NotFound(SessionNotFound());
        }

        var rows = await db.AuditRecords.AsNoTracking()
            .Where(r => r.SessionId == id && r.Type == AuditEventTypes.SessionCommand)
            .OrderBy(r => r.Sequence).Take(10_000).ToListAsync(cancellationToken);
        var commands = rows.Select(r =>
        {
            using var data = JsonDocument.Parse(r.DataJson);
            var line = data.RootElement.TryGetProperty("line", out var l) ? l.GetString() ?? "" : "";
            var offset = data.RootElement.TryGetProperty("offset", out var o)
                && double.TryParse(o.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
            return new SessionCommandDto(r.Sequence, DateTimeOffset.FromUnixTimeMilliseconds(r.TimeMs), offset, line);
        }).ToList();
        return TypedResults.Ok(new SessionDetail(SessionDto.From(session), commands));
    }

    public static async Task<Results<PhysicalFileHttpResult, NotFound<ApiError>>> RecordingAsync(
        string id, ClaimsPrincipal principal, BastionDbContext db, RecordingOptionsAccessor recordings, CancellationToken cancellationToken)
    {
        var session = await Visible(db.Sessions.AsNoTracking(), principal).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        var path = session is null ? null : recordings.PathOf(session.RecordingFile);
        if (path is null || !File.Exists(path))
        {
            return TypedResults.NotFound(SessionNotFound());
        }

        return TypedResults.PhysicalFile(path, "application/x-asciicast", fileDownloadName: session!.Id + ".cast", enableRangeProcessing: true);
    }

    /// <summary><c>GET /api/sessions/{id}/recording/index</c>: keyframes and idle gaps of the recording, so the player
    /// reads a long one by ranges (see <see cref="RecordingIndexStore"/>).</summary>
    public static async Task<Results<Ok<RecordingIndex>, NotFound<ApiError>>> RecordingIndexAsync(
        string id, ClaimsPrincipal principal, BastionDbContext db, RecordingOptionsAccessor recordings, RecordingIndexStore indexes,
        CancellationToken cancellationToken)
    {
        var session = await Visible(db.Sessions.AsNoTracking(), principal).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        var path = session is null ? null : recordings.PathOf(session.RecordingFile);
        if (path is null || !File.Exists(path))
        {
            return TypedResults.NotFound(SessionNotFound());
        }

        return TypedResults.Ok(await indexes.GetAsync(path, cancellationToken));
    }

    /// <summary><c>POST /api/sessions/{id}/kill</c> (admin): ends a running session; <c>session.killed</c> names who.</summary>
    public static async Task<Results<NoContent, NotFound<ApiError>>> KillAsync(
        string id, ClaimsPrincipal principal, HttpContext context, SessionActions sessions, CancellationToken cancellationToken)
    {
        var by = principal.FindFirstValue("name") ?? "unknown";
        return await sessions.KillAsync(id, by, context.Connection.RemoteIpAddress?.ToString(), cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ApiError(ReplyMessages.SessionNotRunning));
    }

    public static ApiError SessionNotFound() => new(ReplyMessages.SessionNotFound);

    private static IQueryable<SessionRecord> Visible(IQueryable<SessionRecord> sessions, ClaimsPrincipal principal)
    {
        if (principal.IsInRole(Roles.Auditor) || principal.IsInRole(Roles.Admin))
        {
            return sessions;
        }

        var name = principal.FindFirstValue("name") ?? "";
        return sessions.Where(s => s.UserName == name);
    }
}

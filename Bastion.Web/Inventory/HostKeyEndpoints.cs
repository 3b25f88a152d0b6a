using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Ssh;
using Bastion.Core.Storage;
using Bastion.Web.Admin;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Inventory;

/// <summary>Host key review: scan (read the key, trust nothing), approve (pin what was reviewed), and the list of
/// pending keys, which includes hosts whose key changed ("re-keyed hosts").</summary>
internal static class HostKeyEndpoints
{
    public sealed record ScanResponse(string HostId, string KeyType, string Fingerprint, string? PinnedFingerprint, bool MatchesPin);

    public sealed record ApproveRequest(string? Fingerprint);

    public sealed record PendingKeyDto(
        string HostId, string HostName, string Address, int Port, string Fingerprint, string? KeyType, string Source, DateTimeOffset SeenAt, string? PinnedFingerprint);

    public static void MapHostKeyEndpoints(this WebApplication app)
    {
        app.MapPost("/api/hosts/{id:guid}/host-key/scan", ScanAsync).RequireAuthorization(Roles.Admin);
        app.MapPost("/api/hosts/{id:guid}/host-key/approve", ApproveAsync).RequireAuthorization(Roles.Admin);
        app.MapGet("/api/host-keys/pending", ListPendingAsync).RequireAuthorization(Roles.Admin);
        app.MapDelete("/api/host-keys/pending/{id:guid}", DismissAsync).RequireAuthorization(Roles.Admin);
    }

    private static async Task<Results<Ok<ScanResponse>, NotFound<ApiError>, JsonHttpResult<ApiError>>> ScanAsync(
        Guid id, HttpContext context, BastionDbContext db, CredentialVault vault, SshConnector connector, PendingHostKeys pendingKeys, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var host = await db.Hosts.Include(h => h.Credential).Include(h => h.Gateway).ThenInclude(g => g!.Credential)
            .FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (host is null)
        {
            return TypedResults.NotFound(new ApiError("host not found"));
        }

        var scanned = await connector.ScanAsync(vault.ToTarget(host), cancellationToken);
        if (scanned.Fingerprint is null)
        {
            return TypedResults.Json(new ApiError(scanned.Error ?? "scan failed"), statusCode: StatusCodes.Status502BadGateway);
        }

        var matches = host.HostKeyFingerprint is { } pin && HostKeyFingerprint.Matches(pin, scanned.Fingerprint);
        if (!matches)
        {
            await pendingKeys.RecordAsync(id, scanned.Fingerprint, scanned.KeyType, PendingHostKeys.FromScan, cancellationToken);
        }

        await audit.AppendAsync(context, AuditEventTypes.HostKeyScanned, id, null, new { fingerprint = scanned.Fingerprint, keyType = scanned.KeyType }, cancellationToken);
        return TypedResults.Ok(new ScanResponse(id.ToString(), scanned.KeyType ?? "", scanned.Fingerprint, host.HostKeyFingerprint, matches));
    }

    private static async Task<Results<Ok<HostDto>, NotFound<ApiError>, Conflict<ApiError>>> ApproveAsync(
        Guid id, ApproveRequest? request, HttpContext context, BastionDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        var host = await db.Hosts.Include(h => h.Credential).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (host is null)
        {
            return TypedResults.NotFound(new ApiError("host not found"));
        }

        var pending = await db.PendingHostKeys.FirstOrDefaultAsync(p => p.HostId == id, cancellationToken);
        if (pending is null)
        {
            return TypedResults.NotFound(new ApiError("no pending key for this host; scan it first"));
        }

        // The admin approves the key they reviewed: if it changed since, they must look again.
        if (HostKeyFingerprint.Normalize(request?.Fingerprint) is { } reviewed && reviewed != pending.Fingerprint)
        {
            return TypedResults.Conflict(new ApiError($"the pending key is now {pending.Fingerprint}, not {reviewed}; review it again"));
        }

        var before = new { fingerprint = host.HostKeyFingerprint, keyType = host.HostKeyType };
        host.HostKeyFingerprint = pending.Fingerprint;
        host.HostKeyType = pending.KeyType;
        db.PendingHostKeys.Remove(pending);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(context, AuditEventTypes.HostKeyApproved, id, before, new { fingerprint = host.HostKeyFingerprint, keyType = host.HostKeyType }, cancellationToken);
        return TypedResults.Ok(HostDto.From(host));
    }

    private static async Task<Ok<List<PendingKeyDto>>> ListPendingAsync(BastionDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (from p in db.PendingHostKeys
                          join h in db.Hosts on p.HostId equals h.Id
                          select new { p, h }).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderBy(r => r.h.Name)
            .Select(r => new PendingKeyDto(r.h.Id.ToString(), r.h.Name, r.h.Address, r.h.Port, r.p.Fingerprint, r.p.KeyType, r.p.Source, r.p.SeenAt, r.h.HostKeyFingerprint))
            .ToList());
    }

    private static async Task<Results<NoContent, NotFound<ApiError>>> DismissAsync(
        Guid id, HttpContext context, BastionDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        var pending = await db.PendingHostKeys.FirstOrDefaultAsync(p => p.HostId == id, cancellationToken);
        if (pending is null)
        {
            return TypedResults.NotFound(new ApiError("no pending key for this host"));
        }

        db.PendingHostKeys.Remove(pending);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(context, AuditEventTypes.HostKeyDismissed, id, new { fingerprint = pending.Fingerprint }, null, cancellationToken);
        return TypedResults.NoContent();
    }
}

using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Ssh;
using Bastion.Core.Validation;
using Bastion.Web.Admin;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Inventory;

/// <summary>Host key review: scan (read the key, trust nothing), approve (pin what was reviewed), and the list of
/// pending keys, which includes hosts whose key changed ("re-keyed hosts"). The rules live in
/// <see cref="PendingHostKeys"/>.</summary>
internal static class HostKeyEndpoints
{
    public const string Tag = "Host keys";

    public sealed record ScanResponse(string HostId, string KeyType, string Fingerprint, string? PinnedFingerprint, bool MatchesPin);

    public sealed record ApproveRequest(string? Fingerprint);

    public sealed record PendingKeyDto(
        string HostId, string HostName, string Address, int Port, string Fingerprint, string? KeyType, string Source, DateTimeOffset SeenAt, string? PinnedFingerprint);

    /// <summary>A dismissed key as the audit log records it.</summary>
    public sealed record DismissedKeyAudit(string Fingerprint);

    public static void MapHostKeyEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api").RequireAuthorization(Roles.Admin).WithTags(Tag);
        group.MapPost("/hosts/{id:guid}/host-key/scan", ScanAsync).WithName("ScanHostKey")
            .Produces<ApiError>(StatusCodes.Status502BadGateway); // the host could not be reached or offered no key
        group.MapPost("/hosts/{id:guid}/host-key/approve", ApproveAsync).WithName("ApproveHostKey");
        group.MapGet("/host-keys/pending", ListPendingAsync).WithName("ListPendingHostKeys");
        group.MapDelete("/host-keys/pending/{id:guid}", DismissAsync).WithName("DismissPendingHostKey");
    }

    private static async Task<Results<Ok<ScanResponse>, NotFound<ApiError>, JsonHttpResult<ApiError>>> ScanAsync(Guid id, [AsParameters] HostKeyScanServices services)
    {
        var host = await services.Hosts.FindForConnectionAsync(id, services.CancellationToken);
        if (host is null)
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.HostNotFound));
        }

        var scanned = await services.Connector.ScanAsync(services.Vault.ToTarget(host), services.CancellationToken);
        if (scanned.Fingerprint is null)
        {
            return TypedResults.Json(new ApiError(ReplyMessages.HostKeyScanFailed(scanned.Error ?? "scan failed"), scanned.Detail), statusCode: StatusCodes.Status502BadGateway);
        }

        var matches = host.HostKeyFingerprint is { } pin && HostKeyFingerprint.Matches(pin, scanned.Fingerprint);
        if (!matches)
        {
            await services.PendingKeys.RecordAsync(id, scanned.Fingerprint, scanned.KeyType, PendingHostKeys.FromScan, services.CancellationToken);
        }

        await services.Audit.AppendAsync(services.Context, AuditEventTypes.HostKeyScanned, id, null, new HostKeyAudit(scanned.Fingerprint, scanned.KeyType), services.CancellationToken);
        return TypedResults.Ok(new ScanResponse(id.ToString(), scanned.KeyType ?? "", scanned.Fingerprint, host.HostKeyFingerprint, matches));
    }

    private static async Task<Results<Ok<HostDto>, NotFound<ApiError>, Conflict<ApiError>>> ApproveAsync(
        Guid id, ApproveRequest? request, HttpContext context, PendingHostKeys pendingKeys, IAuditLog audit, CancellationToken cancellationToken)
    {
        var result = await pendingKeys.ApproveAsync(id, request?.Fingerprint, cancellationToken);
        if (result.Value is not { } approval)
        {
            return result.Status == ChangeStatus.Conflict ? TypedResults.Conflict(new ApiError(result.Problem!)) : TypedResults.NotFound(new ApiError(result.Problem!));
        }

        var host = approval.Host;
        await audit.AppendAsync(context, AuditEventTypes.HostKeyApproved, id, new HostKeyAudit(approval.PreviousFingerprint, approval.PreviousKeyType),
            new HostKeyAudit(host.HostKeyFingerprint, host.HostKeyType), cancellationToken);
        return TypedResults.Ok(HostDto.From(host));
    }

    private static async Task<Ok<List<PendingKeyDto>>> ListPendingAsync(PendingHostKeys pendingKeys, CancellationToken cancellationToken) =>
        TypedResults.Ok((await pendingKeys.ListAsync(cancellationToken))
            .Select(r => new PendingKeyDto(r.Host.Id.ToString(), r.Host.Name, r.Host.Address, r.Host.Port, r.Key.Fingerprint, r.Key.KeyType, r.Key.Source, r.Key.SeenAt,
                r.Host.HostKeyFingerprint))
            .ToList());

    private static async Task<Results<NoContent, NotFound<ApiError>>> DismissAsync(
        Guid id, HttpContext context, PendingHostKeys pendingKeys, IAuditLog audit, CancellationToken cancellationToken)
    {
        var result = await pendingKeys.DismissAsync(id, cancellationToken);
        if (result.Value is not { } pending)
        {
            return TypedResults.NotFound(new ApiError(result.Problem!));
        }

        await audit.AppendAsync(context, AuditEventTypes.HostKeyDismissed, id, new DismissedKeyAudit(pending.Fingerprint), null, cancellationToken);
        return TypedResults.NoContent();
    }
}

using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Ssh;
using Bastion.Web.Admin;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Inventory;

/// <summary>"Test connection" (issue 14): an admin asks whether a host is reachable, offers its pinned key and takes
/// its stored login, without a shell. The work is <see cref="SshProbe"/>'s; this parses, calls, audits and maps.</summary>
internal static class HostTestEndpoints
{
    public sealed record ProbeStepDto(string Status, string? Code, string? Message)
    {
        public static ProbeStepDto From(ProbeStep step) => new(step.Status.ToString().ToLowerInvariant(), step.Code, step.Message);
    }

    public sealed record ConnectionTestResponse(
        string HostId, bool Succeeded, ProbeStepDto Reach, ProbeStepDto HostKey, ProbeStepDto Login, string? OfferedFingerprint, string? PinnedFingerprint,
        bool ViaGateway);

    /// <summary>What <c>host.tested</c> records: each step's status or failure code, and the key offered.</summary>
    public sealed record TestAudit(bool Succeeded, string Reach, string HostKey, string Login, string? OfferedFingerprint);

    public static void MapHostTestEndpoints(this WebApplication app)
    {
        app.MapPost("/api/hosts/{id:guid}/test", TestAsync).RequireAuthorization(Roles.Admin).WithTags(HostEndpoints.Tag).WithName("TestHostConnection");
    }

    private static async Task<Results<Ok<ConnectionTestResponse>, NotFound<ApiError>>> TestAsync(
        Guid id, HttpContext context, HostService hosts, CredentialVault vault, SshProbe probe, IAuditLog audit, CancellationToken cancellationToken)
    {
        var host = await hosts.FindForConnectionAsync(id, cancellationToken);
        if (host is null)
        {
            return TypedResults.NotFound(new ApiError("host not found"));
        }

        var result = await probe.ProbeAsync(vault.ToTarget(host), cancellationToken);
        await audit.AppendAsync(context, AuditEventTypes.HostTested, id, null,
            new TestAudit(result.Succeeded, Outcome(result.Reach), Outcome(result.HostKey), Outcome(result.Login), result.OfferedFingerprint), cancellationToken);
        return TypedResults.Ok(new ConnectionTestResponse(id.ToString(), result.Succeeded, ProbeStepDto.From(result.Reach), ProbeStepDto.From(result.HostKey),
            ProbeStepDto.From(result.Login), result.OfferedFingerprint, result.PinnedFingerprint, result.ViaGateway));
    }

    private static string Outcome(ProbeStep step) => step.Code ?? step.Status.ToString().ToLowerInvariant();
}

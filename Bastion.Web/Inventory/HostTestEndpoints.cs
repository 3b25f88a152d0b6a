using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Ssh;
using Bastion.Core.Validation;
using Bastion.Web.Admin;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Inventory;

/// <summary>"Test connection" (issue 14): an admin asks whether a host is reachable, offers its pinned key and takes
/// its stored login, without a shell. The work is <see cref="SshProbe"/>'s; this parses, calls, audits and maps.</summary>
internal static class HostTestEndpoints
{
    /// <summary>A step: <c>code</c> says which way it failed, <c>message</c> says it in English, and <c>detail</c> is that
    /// message as a code with its values (<c>Core/Ssh/FailureDetailCodes</c>), which the page shows in the user's language.</summary>
    public sealed record ProbeStepDto(string Status, string? Code, string? Message, FailureDetailDto? Detail)
    {
        public static ProbeStepDto From(ProbeStep step) =>
            new(step.Status.ToString().ToLowerInvariant(), step.Code, step.Message, step.Detail is { } d ? new FailureDetailDto(d.Code, d.Args) : null);
    }

    public sealed record FailureDetailDto(string Code, IReadOnlyDictionary<string, string> Args);

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
            return TypedResults.NotFound(new ApiError(ReplyMessages.HostNotFound));
        }

        var result = await probe.ProbeAsync(vault.ToTarget(host), cancellationToken);
        await audit.AppendAsync(context, AuditEventTypes.HostTested, id, null,
            new TestAudit(result.Succeeded, Outcome(result.Reach), Outcome(result.HostKey), Outcome(result.Login), result.OfferedFingerprint), cancellationToken);
        return TypedResults.Ok(new ConnectionTestResponse(id.ToString(), result.Succeeded, ProbeStepDto.From(result.Reach), ProbeStepDto.From(result.HostKey),
            ProbeStepDto.From(result.Login), result.OfferedFingerprint, result.PinnedFingerprint, result.ViaGateway));
    }

    private static string Outcome(ProbeStep step) => step.Code ?? step.Status.ToString().ToLowerInvariant();
}

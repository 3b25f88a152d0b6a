namespace Bastion.Core.Ssh;

/// <summary>One step of a connection test: its status, a machine-readable <paramref name="Code"/> when it failed
/// (<c>Terminal/ErrorCodes</c>: <c>unreachable</c>, <c>host_key_unpinned</c>, <c>host_key_mismatch</c>,
/// <c>auth_failed</c>, <c>host_error</c>; the client shows it in the user's language), the server's message, and the
/// same message as a <paramref name="Detail"/> code with its values (the client's words for it, in either language).</summary>
internal sealed record ProbeStep(ProbeStepStatus Status, string? Code = null, string? Message = null, FailureDetail? Detail = null)
{
    public static readonly ProbeStep Passed = new(ProbeStepStatus.Passed);

    public static readonly ProbeStep Skipped = new(ProbeStepStatus.Skipped);

    public static ProbeStep Failed(string code, string? message, FailureDetail? detail = null) => new(ProbeStepStatus.Failed, code, message, detail);
}

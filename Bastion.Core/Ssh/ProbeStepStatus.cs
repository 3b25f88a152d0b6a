namespace Bastion.Core.Ssh;

/// <summary>How one step of a connection test went. A step after a failed one is <see cref="Skipped"/>.</summary>
internal enum ProbeStepStatus
{
    Passed,
    Failed,
    Skipped,
}

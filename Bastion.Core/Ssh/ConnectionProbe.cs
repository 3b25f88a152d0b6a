namespace Bastion.Core.Ssh;

/// <summary>
/// What "test connection" found, one outcome per step: <see cref="Reach"/> (a TCP connect, to the gateway for a host
/// behind one), <see cref="HostKey"/> (the offered key against the pin), <see cref="Login"/> (the stored credential).
/// <see cref="OfferedFingerprint"/> is the key the host (or, for a refused gateway, the gateway) offered.
/// </summary>
internal sealed record ConnectionProbe(ProbeStep Reach, ProbeStep HostKey, ProbeStep Login, string? OfferedFingerprint, string? PinnedFingerprint, bool ViaGateway)
{
    public bool Succeeded => Login.Status == ProbeStepStatus.Passed;
}

namespace Bastion.Core.Ssh;

/// <summary>Told about host keys that were refused (not pinned, or different from the pin) so admins can review them;
/// the key is never trusted because of this.</summary>
internal interface IHostKeyObserver
{
    Task KeyRefusedAsync(Guid hostId, string fingerprint, string? keyType, CancellationToken cancellationToken);
}

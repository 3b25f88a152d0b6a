using Bastion.Core.Ssh;

namespace Bastion.Tests.Terminal;

/// <summary>A hand-written <see cref="IHostKeyObserver"/> that remembers what it was told.</summary>
internal sealed class RecordingHostKeyObserver : IHostKeyObserver
{
    public List<(Guid HostId, string Fingerprint, string? KeyType)> Refused { get; } = [];

    public Task KeyRefusedAsync(Guid hostId, string fingerprint, string? keyType, CancellationToken cancellationToken)
    {
        lock (Refused)
        {
            Refused.Add((hostId, fingerprint, keyType));
        }

        return Task.CompletedTask;
    }
}

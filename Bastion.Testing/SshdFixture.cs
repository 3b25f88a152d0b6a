using Xunit;

namespace Bastion.Testing;

/// <summary>
/// One default <see cref="SshdServer"/> shared by the tests of one class (<c>IClassFixture&lt;SshdFixture&gt;</c>), so
/// that the classes run in parallel and each sshd log holds one class's connections only. Tests that need a different
/// config (ForceCommand, a stopped host, a rotated key) start their own <see cref="SshdServer"/>.
/// </summary>
public sealed class SshdFixture : IAsyncLifetime
{
    public SshdServer Server { get; } = new();

    public Task InitializeAsync() => Server.StartAsync(CancellationToken.None);

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

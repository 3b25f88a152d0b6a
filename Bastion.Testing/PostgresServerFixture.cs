namespace Bastion.Testing;

/// <summary>The shared test PostgreSQL (<see cref="PostgresServer.SharedAsync"/>) as an xunit collection fixture;
/// each test takes a database of its own with <see cref="PostgresServer.CreateDatabaseAsync"/>.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.SharedAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

using System.Globalization;
using Npgsql;

namespace Bastion.Testing;

/// <summary>
/// A real PostgreSQL (Debian's <c>postgresql</c> package) of the test's own: <c>initdb</c> into a temporary
/// directory, then the postmaster in the foreground as this process's child (<see cref="ServerProcess"/>) on a free
/// loopback port, trust authentication, no system service. Each test or server takes a database of its own
/// (<see cref="CreateDatabaseAsync"/>). <see cref="SharedAsync"/> is the one instance of a test process (started on
/// first use, stopped when the process exits; by <see cref="OrphanWatch"/> if it is killed).
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static PostgresServer? _shared;
    private readonly string _directory;
    private readonly ServerProcess _process;
    private int _databases;
    private bool _disposed;

    private PostgresServer(string directory, int port, ServerProcess process)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The postmaster's PID.</summary>
    internal int ProcessId => _process.ProcessId;

    /// <summary>Its temporary directory (the cluster's data directory is <c>data</c> inside it).</summary>
    internal string TempDirectory => _directory;

    /// <summary>The server's own maintenance database, as the <c>postgres</c> superuser.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Connection Idle Lifetime=10;Timeout=30;Command Timeout=60";

    /// <summary>The process-wide server, started on first use (the tests' collection fixture and every
    /// <see cref="BastionServer"/> with <c>BASTION_TEST_STORAGE=postgres</c> share it).</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await SharedGate.WaitAsync().WithTimeout(SetupTimeout);
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared.StopAsync().AsTask().Wait(TimeSpan.FromSeconds(20));
            }

            return _shared;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        var directory = Directory.CreateTempSubdirectory("bastion-pg-").FullName;
        if (IsRoot)
        {
            // initdb refuses to run as root; the cluster belongs to the postgres user (mktemp made the dir 0700 root).
            await ToolRunner.RunCheckedAsync("chown", ["postgres:postgres", directory]);
        }

        await RunAsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", $"{directory}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Get();
            // The postmaster in the foreground as this process's child (not pg_ctl's daemon), so that it is stopped by
            // its PID, and by the orphan watchdog should this process end without stopping it.
            string[] postgres =
            [
                Path.Combine(bin, "postgres"), "-D", $"{directory}/data", "-c", "listen_addresses=127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture),
                "-k", directory, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=1000",
            ];
            try
            {
                var process = await ServerProcess.StartAsync(
                    IsRoot ? "/usr/bin/setpriv" : postgres[0], IsRoot ? ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", .. postgres] : postgres[1..],
                    cancellationToken => AcceptsQueriesAsync(port, cancellationToken), stopSignal: "QUIT", removeDirectory: directory);
                return new PostgresServer(directory, port, process);
            }
            catch (InvalidOperationException ex) when (attempt < 5 && ex.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                // Another test took the free port first: try another.
            }
        }
    }

    /// <summary>A new, empty database on this server; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var name = $"{prefix ?? "bastion"}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync().WithTimeout(SetupTimeout);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync().WithTimeout(SetupTimeout);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (ReferenceEquals(this, _shared))
        {
            return; // the shared server lives until the test process exits
        }

        await StopAsync();
    }

    private async ValueTask StopAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        await _process.StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

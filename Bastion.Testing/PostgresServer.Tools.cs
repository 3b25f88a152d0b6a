using Npgsql;

namespace Bastion.Testing;

public sealed partial class PostgresServer
{
    /// <summary>Set by test.sh for the suite's second run: every <see cref="BastionServer"/> and
    /// <see cref="BastionProcess"/> then stores in a database of its own on the shared server.</summary>
    public const string StorageVariable = "BASTION_TEST_STORAGE";

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Whether this test run stores in PostgreSQL (<c>BASTION_TEST_STORAGE=postgres</c>).</summary>
    public static bool IsSelectedForTests =>
        string.Equals(Environment.GetEnvironmentVariable(StorageVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Debian installs the server binaries under /usr/lib/postgresql/&lt;version&gt;/bin (not on PATH).</summary>
    private static string FindBinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin. Fix: apt-get install -y postgresql (test.sh does)");
    }

    private static async Task<ToolResult> RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments, bool check = true)
    {
        var result = IsRoot
            ? await ToolRunner.RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", string.Join(' ', new[] { tool }.Concat(arguments).Select(Quote))])
            : await ToolRunner.RunAsync(tool, arguments);
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
        }

        return result;
    }

    /// <summary>True once the server answers a login (not only the TCP accept of a postmaster still starting up).</summary>
    private static async Task<bool> AcceptsQueriesAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=5");
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

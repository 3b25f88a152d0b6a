using System.Data.Common;
using System.Text;
using Bastion.Core.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bastion.Web.Hosting;

/// <summary>
/// Words a storage failure at start-up for the operator: which database (PostgreSQL host, port, database and user,
/// or the SQLite file) and the provider's own reason (<c>28P01: password authentication failed</c>, <c>Connection
/// refused</c>). The password is never part of it: the target is rebuilt from the connection string's other fields,
/// and a reason that quoted the password would have it masked.
/// </summary>
internal static class StorageTarget
{
    public static string DescribeFailure(StorageOptions storage, DbException failure) =>
        $"cannot open the database ({Describe(storage)}): {Reason(failure, Password(storage))}";

    public static string Describe(StorageOptions storage)
    {
        try
        {
            if (storage.Provider == StorageProviders.Postgres)
            {
                var postgres = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
                return $"PostgreSQL at {postgres.Host}:{postgres.Port}, database '{postgres.Database}', user '{postgres.Username}'";
            }

            return $"SQLite file {new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource}";
        }
        catch (ArgumentException)
        {
            return $"{storage.Provider}, unparsable connection string";
        }
    }

    private static string Reason(Exception failure, string? password)
    {
        var reason = new StringBuilder(failure is PostgresException postgres ? $"{postgres.SqlState}: {postgres.MessageText}" : failure.Message);
        for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
        {
            reason.Append(" (").Append(inner.Message).Append(')');
        }

        return string.IsNullOrEmpty(password) ? reason.ToString() : reason.Replace(password, "***").ToString();
    }

    private static string? Password(StorageOptions storage)
    {
        try
        {
            return storage.Provider == StorageProviders.Postgres ? new NpgsqlConnectionStringBuilder(storage.ConnectionString).Password
                : new SqliteConnectionStringBuilder(storage.ConnectionString).Password;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

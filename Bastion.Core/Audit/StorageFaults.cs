using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bastion.Core.Audit;

/// <summary>
/// Tells "the disk (or quota) is full" apart from other storage errors by value, never by message text (issue 13):
/// the errno .NET puts in an <see cref="IOException"/>'s <c>HResult</c> on Unix, the Win32 error on Windows,
/// SQLite's result code and PostgreSQL's SQLSTATE; wrapped exceptions (EF Core's <c>DbUpdateException</c>) are looked
/// through.
/// </summary>
internal static class StorageFaults
{
    // Linux errno values (asm-generic/errno-base.h, errno.h); .NET on Unix sets HResult to the raw errno.
    private const int Enospc = 28;
    private const int Edquot = 122;

    // Win32 ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL, as HRESULTs (0x8007xxxx).
    private const int HandleDiskFull = unchecked((int)0x80070027);
    private const int DiskFull = unchecked((int)0x80070070);

    // https://www.sqlite.org/rescode.html#full
    private const int SqliteFull = 13;

    // https://www.postgresql.org/docs/current/errcodes-appendix.html (class 53, insufficient resources)
    private const string PostgresDiskFull = "53100";

    public static bool IsStorageFull(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 8; depth++, exception = exception.InnerException)
        {
            switch (exception)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteFull:
                case PostgresException postgres when postgres.SqlState == PostgresDiskFull:
                    return true;
                case IOException io when io.HResult is Enospc or Edquot or HandleDiskFull or DiskFull:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsStorageFull):
                    return true;
            }
        }

        return false;
    }
}

using Bastion.Core.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bastion.Tests.Unit;

/// <summary>A full disk is told by the error's value (errno, SQLite result code, SQLSTATE), never by its words.</summary>
public sealed class StorageFaultsTests
{
    [Theory]
    [InlineData(28)] // ENOSPC
    [InlineData(122)] // EDQUOT
    [InlineData(unchecked((int)0x80070070))] // ERROR_DISK_FULL
    public void AnIOExceptionWithAFullDiskErrno_IsStorageFull(int hresult) =>
        Assert.True(StorageFaults.IsStorageFull(new IOException("write failed", hresult)));

    [Fact]
    public void AnIOExceptionThatOnlySaysSo_IsNot() =>
        Assert.False(StorageFaults.IsStorageFull(new IOException("No space left on device")));

    [Fact]
    public void SqliteFull_WrappedByEfCore_IsStorageFull() =>
        Assert.True(StorageFaults.IsStorageFull(new DbUpdateException("save failed", new SqliteException("database or disk is full", 13))));

    [Fact]
    public void AnotherSqliteError_IsNot() =>
        Assert.False(StorageFaults.IsStorageFull(new SqliteException("database is locked", 5)));

    [Theory]
    [InlineData("53100", true)]
    [InlineData("53200", false)]
    public void PostgresDiskFull_IsStorageFull(string sqlState, bool full) =>
        Assert.Equal(full, StorageFaults.IsStorageFull(new PostgresException("insufficient resources", "ERROR", "ERROR", sqlState)));
}

using Bastion.Core.Audit;
using Bastion.Web.AuditApi;
using Bastion.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Cli;

/// <summary>
/// <c>Bastion.Web audit verify [--Bastion:DataDir=...]</c> and <c>audit head</c>: run against the data directory
/// without starting the web host. Exit code 0 when the chain verifies, 1 when it is broken, 2 for bad usage.
/// </summary>
internal static class AuditCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.FirstOrDefault();
        if (command is not ("verify" or "head"))
        {
            await Console.Error.WriteLineAsync("usage: audit verify|head [--Bastion:DataDir=<dir>]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args[1..]);
        builder.Logging.ClearProviders();
        builder.AddBastionStorage();
        builder.Services.AddBastionAudit();
        await using var app = builder.Build();
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var database = StorageExtensions.SqliteDatabasePath(app.Services.GetRequiredService<IOptions<BastionOptions>>().Value);
        if (storage.Provider == Bastion.Core.Storage.StorageProviders.Sqlite && storage.ConnectionString == $"Data Source={database}" && !File.Exists(database))
        {
            await Console.Error.WriteLineAsync($"no Bastion database at {database} (set --Bastion:DataDir or BASTION_DATA_DIR)");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();

        if (command == "head")
        {
            var (sequence, hash, _) = await app.Services.GetRequiredService<SqliteAuditLog>().ReadHeadWithTimeAsync(CancellationToken.None);
            await Console.Out.WriteLineAsync($"{sequence} {hash}");
            return 0;
        }

        var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        if (result.Ok)
        {
            await Console.Out.WriteLineAsync($"ok: {result.Checked} events verified, {result.RecordingsChecked} recordings; last {result.LastSequence} {result.LastHash}");
            return 0;
        }

        await Console.Out.WriteLineAsync(result.BadRecording is null
            ? $"BROKEN at event {result.BadSequence}: {result.Problem} ({result.Checked} events verified before it)"
            : $"BROKEN recording {result.BadRecording} (session {result.BadSession}) at event {result.BadSequence}: {result.Problem} (the chain itself verifies: {result.Checked} events)");
        return 1;
    }
}

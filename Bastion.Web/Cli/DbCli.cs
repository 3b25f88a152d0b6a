using Bastion.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Cli;

/// <summary>
/// <c>Bastion.Web db migrate [--Storage:Provider=postgres --ConnectionStrings:Bastion=...]</c>: applies the pending
/// schema migrations without starting the web host (for <c>Storage:MigrateOnStart=false</c> deployments).
/// <c>db status</c> only reports. Exit code 0 when the schema is (now) current, 1 when it cannot be, 2 for bad usage.
/// </summary>
internal static class DbCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.FirstOrDefault();
        if (command is not ("migrate" or "status"))
        {
            await Console.Error.WriteLineAsync("usage: db migrate|status [--Bastion:DataDir=<dir>] [--Storage:Provider=sqlite|postgres] [--ConnectionStrings:Bastion=<connection string>]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args[1..]);
        builder.Logging.ClearProviders();
        builder.AddBastionStorage();
        await using var app = builder.Build();
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Directory.CreateDirectory(app.Services.GetRequiredService<IOptions<BastionOptions>>().Value.DataDir);
        try
        {
            var check = await app.Services.MigrateStorageAsync(migrate: command == "migrate");
            await Console.Out.WriteLineAsync($"{storage.Provider}: {check.Describe(storage.Provider)}");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"{storage.Provider}: {e.Message}");
            return 1;
        }
    }
}

using Bastion.Web.Cli;
using Bastion.Web.Hosting;

if (args is ["audit", ..])
{
    return await AuditCli.RunAsync(args[1..]);
}

if (args is ["db", ..])
{
    return await DbCli.RunAsync(args[1..]);
}

WebApplication app;
try
{
    app = await BastionApp.CreateAsync(args);
}
catch (StorageUnavailableException)
{
    // Already logged as one line (where, and the database's reason); exit 1 rather than abort with a stack trace.
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>Entry point; everything is composed in <see cref="BastionApp"/>.</summary>
public partial class Program;

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

var app = await BastionApp.CreateAsync(args);
await app.RunAsync();
return 0;

/// <summary>Entry point; everything is composed in <see cref="BastionApp"/>.</summary>
public partial class Program;

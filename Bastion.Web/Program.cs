using Bastion.Web.Hosting;

var app = await BastionApp.CreateAsync(args);
await app.RunAsync();

/// <summary>Entry point; everything is composed in <see cref="BastionApp"/>.</summary>
public partial class Program;

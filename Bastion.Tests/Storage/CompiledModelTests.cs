using Bastion.Core.Storage;
using Bastion.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bastion.Tests.Storage;

/// <summary>
/// The service runs on the EF Core models compiled ahead of time (<see cref="CompiledModels"/>), one per provider.
/// Each must be exactly the model the entity configurations build; when a configuration changes, regenerate them
/// with <c>scripts/add-migration.sh</c> (or <c>scripts/compile-model.sh</c> alone).
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Providers => [StorageProviders.Sqlite, StorageProviders.Postgres];

    private static BastionDbContext Context(string provider, IModel? model)
    {
        var options = new DbContextOptionsBuilder<BastionDbContext>();
        // No connection is opened: building and comparing models needs none.
        StorageProviders.Configure(options, provider, provider == StorageProviders.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=none");
        if (model is not null)
        {
            options.UseModel(model);
        }

        return new BastionDbContext(options.Options);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheCompiledModel_DescribesTheSameModel_AsTheConfigurationsBuild(string provider)
    {
        using var built = Context(provider, null);
        using var compiled = Context(provider, CompiledModels.For(provider));

        Assert.Equal(
            built.Model.ToDebugString(MetadataDebugStringOptions.LongDefault),
            compiled.Model.ToDebugString(MetadataDebugStringOptions.LongDefault));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheService_RunsOnItsProvidersCompiledModel_UnlessToldNotTo(bool compiledModel)
    {
        await using var server = await BastionServer.StartAsync(new Dictionary<string, string> { ["Storage:CompiledModel"] = compiledModel ? "true" : "false" });
        var provider = server.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider;
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();

        Assert.Equal(compiledModel, ReferenceEquals(CompiledModels.For(provider), db.Model));
        Assert.True(await db.Users.AnyAsync().WithTimeout()); // and it queries the database with it (the first admin)
    }
}

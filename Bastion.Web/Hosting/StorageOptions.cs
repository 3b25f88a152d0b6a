using Bastion.Core.Storage;

namespace Bastion.Web.Hosting;

/// <summary>Which database (configuration section <c>Storage</c>; the connection string is
/// <c>ConnectionStrings:Bastion</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string ConnectionStringName = "Bastion";

    /// <summary><c>sqlite</c> (default: <c>&lt;dataDir&gt;/bastion.db</c>, nothing to install) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Apply pending schema migrations when the service starts. When false the service refuses to start on a
    /// schema that is behind; apply them with <c>Bastion.Web db migrate</c>.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Use the EF Core model compiled ahead of time for the provider (<see cref="CompiledModels"/>) instead of
    /// building it from the entity configurations at start (false: about 2,400 more methods compiled by the JIT and
    /// the model's run-time structures, for comparing the two).</summary>
    public bool CompiledModel { get; set; } = true;

    /// <summary>The resolved connection string (from <c>ConnectionStrings:Bastion</c>, or the SQLite file in the data
    /// directory); set when the options are built.</summary>
    public string ConnectionString { get; set; } = "";
}

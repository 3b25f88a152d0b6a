namespace Bastion.Web.Hosting;

/// <summary>Where the database's schema stands against the migrations this build knows.</summary>
internal enum SchemaState
{
    /// <summary>Every known migration is applied.</summary>
    UpToDate,

    /// <summary>Pending migrations were applied now.</summary>
    Migrated,

    /// <summary>Migrations are pending and applying them was not allowed (<c>Storage:MigrateOnStart=false</c>).</summary>
    Behind,

    /// <summary>The database has migrations this build does not know: a newer release upgraded it.</summary>
    Newer,

    /// <summary>Tables without a migrations history that are not the schema of a release before migrations.</summary>
    Unrecognised,
}

/// <param name="Migrations">The pending (Behind, Migrated), unknown (Newer) or missing tables (Unrecognised).</param>
/// <param name="AdoptedLegacy">A database made by <c>EnsureCreated</c> (a release before migrations) was found and
/// its baseline marked applied.</param>
internal sealed record SchemaCheck(SchemaState State, IReadOnlyList<string> Migrations, bool AdoptedLegacy)
{
    public bool CanStart => State is SchemaState.UpToDate or SchemaState.Migrated;

    /// <summary>What an operator reads when the service refuses to start.</summary>
    public string Describe(string provider) => State switch
    {
        SchemaState.Behind => $"The {provider} database schema is behind this release: {Migrations.Count} migration(s) pending ({string.Join(", ", Migrations)}) and Storage:MigrateOnStart is false. Apply them with `Bastion.Web db migrate` (from source: dotnet run --project Bastion.Web -- db migrate), then start again.",
        SchemaState.Newer => $"The {provider} database schema is newer than this release: it has migration(s) this build does not know ({string.Join(", ", Migrations)}). It was upgraded by a newer Bastion; run that release (or restore a backup taken before the upgrade).",
        SchemaState.Unrecognised => $"The {provider} database has tables but no migrations history, and they are not the schema of an earlier Bastion (missing: {string.Join(", ", Migrations)}). Point ConnectionStrings:Bastion at Bastion's own database or an empty one.",
        SchemaState.Migrated => $"Applied {Migrations.Count} migration(s): {string.Join(", ", Migrations)}.",
        _ => "The schema is up to date.",
    };
}

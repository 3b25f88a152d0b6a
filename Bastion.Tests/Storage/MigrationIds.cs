namespace Bastion.Tests.Storage;

/// <summary>The ids of one provider's migrations in the repository, oldest first: what a fully migrated database's
/// <c>__EFMigrationsHistory</c> lists. Read from the files (each provider's ids carry their own timestamps), so a new
/// migration needs no change to the tests that check the history.</summary>
internal static class MigrationIds
{
    /// <param name="provider"><c>Sqlite</c> or <c>Postgres</c> (the migrations project is Bastion.Migrations.{provider}).</param>
    public static IReadOnlyList<string> Of(string provider) => Directory
        .GetFiles(Path.Combine(RepoPaths.Root, $"Bastion.Migrations.{provider}", "Migrations"), "*_*.cs")
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()
        .Where(name => !name.EndsWith(".Designer", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();
}

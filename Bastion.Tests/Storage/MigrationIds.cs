namespace Bastion.Tests.Storage;

/// <summary>The ids of the migrations in the repository (one set, the same for both providers), oldest first: what a
/// fully migrated database's <c>__EFMigrationsHistory</c> lists. Read from the files, so a new migration needs no
/// change to the tests that check the history.</summary>
internal static class MigrationIds
{
    public static IReadOnlyList<string> All { get; } = Directory
        .GetFiles(Path.Combine(RepoPaths.Root, "Bastion.Migrations.Sqlite", "Migrations"), "*_*.cs")
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()
        .Where(name => !name.EndsWith(".Designer", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();
}

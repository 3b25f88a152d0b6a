namespace Bastion.Testing;

public static class RepoPaths
{
    /// <summary>The repository root (the folder holding Bastion.sln), found from the test binaries upwards.</summary>
    public static string Root { get; } = FindRoot();

    public static string WebRoot => Path.Combine(Root, "Bastion.Web", "wwwroot");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bastion.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bastion.sln not found above " + AppContext.BaseDirectory);
    }
}

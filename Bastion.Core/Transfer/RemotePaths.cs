namespace Bastion.Core.Transfer;

/// <summary>Checks and resolves the remote paths a browser sends. The host's own permissions (the inventory login's)
/// are what limits access; this only refuses what no SFTP server should be sent.</summary>
internal static class RemotePaths
{
    public const int MaxLength = 4096;

    /// <summary>An absolute path: <paramref name="path"/> as given if absolute, else under <paramref name="home"/>
    /// (empty or <c>~</c> is home itself). Null when it is malformed (NUL, too long).</summary>
    public static string? Resolve(string? path, string home)
    {
        if (string.IsNullOrEmpty(path) || path == "~")
        {
            return home;
        }

        if (path.Length > MaxLength || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path.StartsWith('/') ? path : Join(home, path);
    }

    public static string Join(string directory, string name) => directory.EndsWith('/') ? directory + name : $"{directory}/{name}";

    public static string Parent(string path)
    {
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        var slash = trimmed.LastIndexOf('/');
        return slash <= 0 ? "/" : trimmed[..slash];
    }

    public static string Name(string path)
    {
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>A plain file name (what an upload or a new folder may be called): no slash, not <c>.</c>/<c>..</c>.</summary>
    public static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 255 && name is not "." and not ".." && !name.Contains('/', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal);
}

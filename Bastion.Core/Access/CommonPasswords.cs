using System.Collections.Frozen;

namespace Bastion.Core.Access;

/// <summary>
/// The bundled list of the 10,000 most common passwords (<c>CommonPasswords.txt</c>, an embedded resource whose header
/// names its source and licence), loaded once on first use. Compared case-insensitively: "Password" is as guessable as
/// "password".
/// </summary>
internal static class CommonPasswords
{
    public const string ResourceName = "Bastion.Core.Access.CommonPasswords.txt";

    private static readonly Lazy<FrozenSet<string>> s_list = new(Load);

    public static int Count => s_list.Value.Count;

    public static bool Contains(string password) => s_list.Value.Contains(password);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from Bastion.Core");
        using var reader = new StreamReader(stream);
        var words = new List<string>(10_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}

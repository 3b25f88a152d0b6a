using System.Text.RegularExpressions;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>
/// The runtime settings the product ships in its image's environment: the Dockerfile's <c>ENV</c> variables for the
/// runtime and the C library (<c>DOTNET_*</c>, <c>MALLOC_*</c>; docs/DEPLOYMENT.md "Memory and the GC"). The bench
/// starts every server with them unless <c>--no-product-env</c>, so its figures are the product's defaults and not
/// the runtime's; <c>--env</c> overrides one (issue 12: the memory targets are judged on these).
/// </summary>
internal static partial class ProductEnvironment
{
    public static string DockerfilePath => Path.Combine(RepoPaths.Root, "Dockerfile");

    /// <summary>The variables, in the Dockerfile's order; empty when there is no Dockerfile.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Read()
    {
        if (!File.Exists(DockerfilePath))
        {
            return [];
        }

        // ENV instructions, with their continuation lines joined (NAME=VALUE pairs, one or more per line).
        var text = File.ReadAllText(DockerfilePath).Replace("\\\n", " ", StringComparison.Ordinal);
        var found = new List<KeyValuePair<string, string>>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("ENV ", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match m in Pair().Matches(line[4..]))
            {
                found.Add(new(m.Groups[1].Value, m.Groups[2].Value));
            }
        }

        return found;
    }

    [GeneratedRegex(@"\b((?:DOTNET|MALLOC)_[A-Za-z0-9_]+)=(\S+)")]
    private static partial Regex Pair();
}

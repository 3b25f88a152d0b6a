using Renci.SshNet;

namespace Bastion.Core.Ssh;

/// <summary>Restricts and orders what Bastion offers in key exchange: only the configured ciphers and MACs, in that
/// order. Names SSH.NET does not know are ignored; if nothing known remains, SSH.NET's defaults stand.</summary>
internal static class SshAlgorithms
{
    public static void Apply(ConnectionInfo connectionInfo, SshOptions options)
    {
        Reorder(connectionInfo.Encryptions, options.Ciphers.Count > 0 ? options.Ciphers : SshOptions.DefaultCiphers);
        Reorder(connectionInfo.HmacAlgorithms, options.Macs.Count > 0 ? options.Macs : SshOptions.DefaultMacs);
    }

    private static void Reorder<T>(IOrderedDictionary<string, T> algorithms, IReadOnlyList<string> preferred)
    {
        var kept = preferred.Where(algorithms.ContainsKey).Distinct().Select(name => KeyValuePair.Create(name, algorithms[name])).ToList();
        if (kept.Count == 0)
        {
            return;
        }

        algorithms.Clear();
        foreach (var (name, value) in kept)
        {
            algorithms.Add(name, value);
        }
    }
}

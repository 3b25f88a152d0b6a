namespace Bastion.Tests.Infrastructure;

/// <summary>
/// Makes a test's own sshd look dead: iptables drops every loopback TCP packet to and from its port, so nothing is
/// answered and no RST or FIN arrives, as with a host that lost power or a firewall that started dropping
/// (/work/shared/RECIPES.md §4). The rules match only that port; <see cref="DisposeAsync"/> deletes exactly the rules
/// this instance inserted, and the tests dispose it in a <c>finally</c> (<c>await using</c>) so a failing test never
/// leaves the port blackholed. Needs root and <c>/usr/sbin/iptables</c> (test.sh installs it); otherwise it throws, so
/// the test fails instead of silently skipping.
/// </summary>
public sealed class PortBlackhole : IAsyncDisposable
{
    private const string IptablesPath = "/usr/sbin/iptables";

    private readonly List<string[]> _rules = [];
    private readonly List<string[]> _inserted = [];

    private PortBlackhole(int port) => Port = port;

    public int Port { get; }

    /// <summary>Drops packets to <paramref name="port"/> (what the client sends) and from it (what the host sends).</summary>
    public static async Task<PortBlackhole> StartAsync(int port)
    {
        if (!File.Exists(IptablesPath))
        {
            throw new InvalidOperationException($"{IptablesPath} not found: the dead-host tests need it. Fix: apt-get install -y iptables (test.sh does this as root).");
        }

        var blackhole = new PortBlackhole(port);
        try
        {
            foreach (var direction in new[] { "--dport", "--sport" })
            {
                string[] rule = ["INPUT", "-i", "lo", "-p", "tcp", direction, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-j", "DROP"];
                var result = await ToolRunner.RunAsync(IptablesPath, ["-w", "5", "-I", .. rule]);
                if (result.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"iptables could not insert a DROP rule for port {port} (exit {result.ExitCode}): {result.StandardError.Trim()}. The dead-host tests need root and a kernel with nf_tables.");
                }

                blackhole._rules.Add(rule);
                blackhole._inserted.Add(rule);
            }
        }
        catch
        {
            await blackhole.DisposeAsync();
            throw;
        }

        return blackhole;
    }

    /// <summary>True while one of the rules this instance inserted is in the table (<c>iptables -C</c>), also after dispose.</summary>
    public async Task<bool> AnyRulePresentAsync()
    {
        foreach (var rule in _rules)
        {
            if ((await ToolRunner.RunAsync(IptablesPath, ["-w", "5", "-C", .. rule])).ExitCode == 0)
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        var failures = new List<string>();
        foreach (var rule in _inserted.ToList())
        {
            var result = await ToolRunner.RunAsync(IptablesPath, ["-w", "5", "-D", .. rule]);
            if (result.ExitCode == 0)
            {
                _inserted.Remove(rule);
            }
            else
            {
                failures.Add($"iptables -D {string.Join(' ', rule)} → exit {result.ExitCode}: {result.StandardError.Trim()}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("could not remove the blackhole rules; remove them by hand: " + string.Join("; ", failures));
        }
    }
}

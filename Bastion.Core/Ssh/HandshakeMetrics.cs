using Bastion.Core.Telemetry;

namespace Bastion.Core.Ssh;

/// <summary>Records one SSH connection set-up: its duration tagged with the outcome, and a failure by category.</summary>
internal static class HandshakeMetrics
{
    // One tag value per ConnectFailure, made once (snake_case, as the audit reasons are).
    private static readonly Dictionary<ConnectFailure, KeyValuePair<string, object?>[]> Tags =
        Enum.GetValues<ConnectFailure>().ToDictionary(f => f, f =>
        {
            var name = f == ConnectFailure.None ? "ok" : SnakeCase(f.ToString());
            return new[] { new KeyValuePair<string, object?>("outcome", name), new KeyValuePair<string, object?>("category", name) };
        });

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static void Record(ConnectFailure failure, TimeSpan elapsed)
    {
        var tags = Tags[failure];
        BastionInstruments.SshHandshakeDuration.Record(elapsed.TotalSeconds, tags[0]);
        if (failure != ConnectFailure.None)
        {
            BastionInstruments.SshHandshakeFailures.Add(1, tags[1]);
        }
    }
}

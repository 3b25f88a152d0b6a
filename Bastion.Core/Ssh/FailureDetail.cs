namespace Bastion.Core.Ssh;

/// <summary>
/// A connection failure's message as a code and its values (issue 14), so a browser can say it in the user's
/// language; the English message beside it stays for API users. <see cref="Code"/> is one of
/// <see cref="FailureDetailCodes"/>; <see cref="Args"/> holds the values the words name (host, address, port,
/// fingerprints, the library's own error text). A failure at the gateway names the gateway as <c>host</c> and the
/// target as <c>gatewayFor</c>.
/// </summary>
internal sealed record FailureDetail(string Code, IReadOnlyDictionary<string, string> Args)
{
    public const string GatewayForArg = "gatewayFor";

    public static FailureDetail Of(string code, params (string Name, string Value)[] args) =>
        new(code, args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));

    /// <summary>This failure, which happened at the gateway on the way to <paramref name="targetName"/>.</summary>
    public FailureDetail AtGatewayFor(string targetName) =>
        new(Code, new Dictionary<string, string>(Args, StringComparer.Ordinal) { [GatewayForArg] = targetName });
}

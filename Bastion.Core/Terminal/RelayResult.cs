namespace Bastion.Core.Terminal;

/// <param name="Outcome">Why the session ended.</param>
/// <param name="BytesFromHost">Raw bytes relayed from the shell to the browser.</param>
/// <param name="BytesFromClient">UTF-8 bytes of input written to the shell.</param>
/// <param name="ExitStatus">The remote exit status, when the host sent one.</param>
/// <param name="Detail">A short reason for failures, safe to show and log (no terminal contents, no secrets).</param>
internal sealed record RelayResult(RelayOutcome Outcome, long BytesFromHost, long BytesFromClient, int? ExitStatus, string? Detail);

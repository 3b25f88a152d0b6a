using Bastion.Core.Terminal;

namespace Bastion.Core.Ssh;

/// <summary>Either an open shell, or why there is none with a message fit for the user (and, where
/// <see cref="SshFailures"/> wrote it, the same as a <see cref="FailureDetail"/>; a refusal before any connection,
/// such as a full connect queue, names its values in <see cref="Args"/> instead, for the terminal's <c>error</c>).</summary>
internal sealed record SshConnectResult(
    IShellChannel? Shell, ConnectFailure Failure, string? Message, string? ActualFingerprint = null, FailureDetail? Detail = null)
{
    public IReadOnlyDictionary<string, string>? Args { get; init; }

    public static SshConnectResult Failed(ConnectFailure failure, string message, string? actualFingerprint = null, FailureDetail? detail = null) =>
        new(null, failure, message, actualFingerprint, detail);
}

using Renci.SshNet;

namespace Bastion.Core.Ssh;

/// <summary>Either an open, verified, authenticated connection, or why there is none with a message fit for the user.</summary>
internal sealed record SshConnectionAttempt<TClient>(
    SshConnection<TClient>? Connection, ConnectFailure Failure, string? Message, string? ActualFingerprint = null, FailureDetail? Detail = null)
    where TClient : BaseClient
{
    public static SshConnectionAttempt<TClient> Failed(SshConnectResult failure) =>
        new(null, failure.Failure, failure.Message, failure.ActualFingerprint, failure.Detail);
}

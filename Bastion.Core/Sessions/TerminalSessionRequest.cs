using Bastion.Core.Recording;
using Bastion.Core.Ssh;

namespace Bastion.Core.Sessions;

/// <summary>What the web endpoint copies out of the HTTP request before the session starts; the session never
/// touches <c>HttpContext</c>.</summary>
internal sealed record TerminalSessionRequest
{
    public required string SessionId { get; init; }

    public required string UserName { get; init; }

    /// <summary>The owner's id, for access re-checks.</summary>
    public Guid UserId { get; init; }

    /// <summary>The login (or API token) that opened the session; the session ends when it does (issue 11).</summary>
    public Guid? LoginId { get; init; }

    public required Guid HostId { get; init; }

    public required SshTarget Target { get; init; }

    public required string Charset { get; init; }

    public required int Cols { get; init; }

    public required int Rows { get; init; }

    public required bool FlowControl { get; init; }

    public string? ClientAddress { get; init; }

    /// <summary>The host's display name, for the audit log and the recording title.</summary>
    public string HostName { get; init; } = "";

    /// <summary>Record keystrokes (<c>i</c> events); off unless the host enables it (issue #4).</summary>
    public bool RecordInput { get; init; }

    /// <summary>The host's session limit overrides (issue 9; <see cref="SessionLimits"/>).</summary>
    public HostLimitOverrides Limits { get; init; } = HostLimitOverrides.None;

    public SessionFacts ToFacts() => new()
    {
        SessionId = SessionId,
        UserName = UserName,
        HostId = HostId,
        HostName = HostName,
        Login = Target.UserName,
        Address = $"{Target.Address}:{Target.Port}",
        ClientAddress = ClientAddress,
        Cols = Cols,
        Rows = Rows,
        RecordInput = RecordInput,
    };
}

namespace Bastion.Core.Sessions;

/// <summary>The owner of a running session lets one named user watch it, or type in it, until
/// <see cref="ExpiresAt"/> (issue 9, "Watch and share"). Bound to <see cref="InviteeId"/>: nobody else can use it.</summary>
internal sealed record SessionInvitation
{
    public required string Id { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The session's owner (also when an admin issued the invitation).</summary>
    public required string OwnerName { get; init; }

    /// <summary>Who issued it: the owner, or an admin managing the session.</summary>
    public required string InvitedBy { get; init; }

    public required Guid InviteeId { get; init; }

    public required string InviteeName { get; init; }

    /// <summary><see cref="SessionInvitationModes.Watch"/> or <see cref="SessionInvitationModes.Control"/>.</summary>
    public required string Mode { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}

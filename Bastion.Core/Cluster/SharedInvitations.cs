using Bastion.Core.Sessions;

namespace Bastion.Core.Cluster;

/// <summary>
/// The open invitations of this node's sessions as the other nodes see them (issue 10): an entry per session and
/// invitee (<c>state:invite:{session}:{user}</c>, its mode, living until the invitation expires), so an invitee's
/// ticket can be issued by whichever node the request reaches. It only lets a ticket be issued: the attach is proxied
/// to the owning node, which asks its own <see cref="SessionInvitations"/> again, so a revoked or expired invitation,
/// or an ended session, is refused there even before this entry is gone. Unclustered it keeps nothing.
/// </summary>
internal sealed class SharedInvitations(IClusterBus bus, TimeProvider time)
{
    private readonly SharedStash _entries = new(bus, time, "invite", SessionInvitationLimits.Total);

    public async Task PublishAsync(SessionInvitation invitation)
    {
        var left = invitation.ExpiresAt - time.GetUtcNow();
        if (bus.IsClustered && left > TimeSpan.Zero)
        {
            await _entries.PutAsync(Key(invitation.SessionId, invitation.InviteeId), invitation.Mode, left);
        }
    }

    public async Task WithdrawAsync(SessionInvitation invitation)
    {
        if (bus.IsClustered)
        {
            await _entries.RemoveAsync(Key(invitation.SessionId, invitation.InviteeId));
        }
    }

    /// <summary>Whether an invitation to <paramref name="sessionId"/> (running on another node) lets
    /// <paramref name="userId"/> ask for <paramref name="mode"/>.</summary>
    public async Task<bool> AllowsRemoteAsync(string sessionId, Guid userId, string mode) =>
        bus.IsClustered && SessionInvitationModes.IsKnown(mode)
        && await bus.GetStateAsync("invite:" + Key(sessionId, userId)) is { } granted
        && SessionInvitationModes.Covers(granted, mode);

    private static string Key(string sessionId, Guid userId) => sessionId + ":" + userId.ToString("N");
}

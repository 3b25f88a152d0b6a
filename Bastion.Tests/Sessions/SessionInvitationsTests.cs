using Bastion.Core.Inventory;
using Bastion.Core.Sessions;
using Bastion.Core.Ssh;
using Bastion.Core.Terminal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Sessions;

/// <summary>The rules of <see cref="SessionInvitations"/> (issue 9, "Watch and share"): bound to the invitee,
/// expiring, revocable, over with the session, owner-only, bounded.</summary>
public sealed class SessionInvitationsTests : IDisposable
{
    private static readonly Guid s_owner = Guid.NewGuid();
    private static readonly Guid s_bob = Guid.NewGuid();

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InProcessSessionRegistry _registry = new();
    private readonly SessionInvitations _invitations;

    public SessionInvitationsTests() => _invitations = new SessionInvitations(_registry, _time, NullLogger<SessionInvitations>.Instance);

    public void Dispose()
    {
        _invitations.Dispose();
        _registry.Dispose();
    }

    private LiveSession StartSession(Guid? owner = null)
    {
        var session = new LiveSession(new TerminalSessionRequest
        {
            SessionId = Guid.NewGuid().ToString("N"),
            UserName = "alice",
            UserId = owner ?? s_owner,
            HostId = Guid.NewGuid(),
            Target = new SshTarget { HostName = "db-1", Address = "127.0.0.1", Port = 22, UserName = "app" },
            Charset = "utf-8",
            Cols = 80,
            Rows = 24,
            FlowControl = false,
        });
        _registry.Add(session);
        return session;
    }

    private SessionInvitation Invite(LiveSession session, Guid invitee, string mode = "watch", int? minutes = null)
    {
        var result = _invitations.Invite(session, invitee, "bob", mode, minutes, "alice");
        Assert.True(result.Value is not null, $"{result.Status}: {string.Join(", ", result.FieldErrors.Keys)} {result.Message}");
        return result.Value!;
    }

    [Fact]
    public void Invite_Defaults_To30Minutes_AndAllowsOnlyTheInvitee()
    {
        var session = StartSession();
        var invitation = Invite(session, s_bob, minutes: null);

        Assert.Equal(_time.GetUtcNow().AddMinutes(30), invitation.ExpiresAt);
        Assert.True(_invitations.Allows(session.Id, s_bob, "watch", _time.GetUtcNow()));
        Assert.False(_invitations.Allows(session.Id, Guid.NewGuid(), "watch", _time.GetUtcNow()));
        Assert.False(_invitations.Allows(StartSession().Id, s_bob, "watch", _time.GetUtcNow()));
    }

    [Fact]
    public void ListFor_GivesTheInviteeTheirOwnOpenInvitations_Only()
    {
        var first = StartSession();
        var second = StartSession();
        Invite(first, s_bob, minutes: 20);
        Invite(second, s_bob, minutes: 10);
        Invite(second, Guid.NewGuid());

        Assert.Equal([second.Id, first.Id], _invitations.ListFor(s_bob).Select(i => i.SessionId));

        second.End(SessionEnding.EndedByUser);
        Assert.Equal([first.Id], _invitations.ListFor(s_bob).Select(i => i.SessionId));
        Assert.Empty(_invitations.ListFor(s_owner));
    }

    [Fact]
    public void WatchInvitation_NeverAllowsControl_ControlInvitationAllowsBoth()
    {
        var session = StartSession();
        var carol = Guid.NewGuid();
        Invite(session, s_bob, "watch");
        Invite(session, carol, "control");
        var now = _time.GetUtcNow();

        Assert.False(_invitations.Allows(session.Id, s_bob, "control", now));
        Assert.True(_invitations.Allows(session.Id, carol, "control", now));
        Assert.True(_invitations.Allows(session.Id, carol, "watch", now));
        Assert.False(_invitations.Allows(session.Id, carol, "anything", now));
    }

    [Fact]
    public void Invitation_Expires_OnTheClock_AndListenersHearIt()
    {
        var session = StartSession();
        var ended = new List<(string, SessionInvitationEnd)>();
        using var _ = _invitations.OnEnded((i, why) => ended.Add((i.Id, why)));
        var invitation = Invite(session, s_bob, minutes: 10);

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.True(_invitations.Allows(session.Id, s_bob, "watch", _time.GetUtcNow()));
        Assert.Empty(ended);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_invitations.Allows(session.Id, s_bob, "watch", _time.GetUtcNow()));
        Assert.Equal([(invitation.Id, SessionInvitationEnd.Expired)], ended);
        Assert.Empty(_invitations.List(session.Id));
        Assert.Equal(0, _invitations.Count);
    }

    [Fact]
    public void Revoke_EndsTheInvitation_AndTellsListeners()
    {
        var session = StartSession();
        var ended = new List<(Guid, SessionInvitationEnd)>();
        using var _ = _invitations.OnEnded((i, why) => ended.Add((i.InviteeId, why)));
        var invitation = Invite(session, s_bob);

        Assert.Null(_invitations.Revoke(StartSession().Id, invitation.Id));
        Assert.NotNull(_invitations.Revoke(session.Id, invitation.Id));
        Assert.Null(_invitations.Revoke(session.Id, invitation.Id));

        Assert.False(_invitations.Allows(session.Id, s_bob, "watch", _time.GetUtcNow()));
        Assert.Equal([(s_bob, SessionInvitationEnd.Revoked)], ended);
    }

    [Fact]
    public void AThrowingListener_DoesNotStopTheOthers_NorTheExpiry()
    {
        var session = StartSession();
        var heard = 0;
        using var bad = _invitations.OnEnded((_, _) => throw new InvalidOperationException("listener bug"));
        using var good = _invitations.OnEnded((_, _) => heard++);
        Invite(session, s_bob, minutes: 1);

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, heard);
        Assert.Equal(0, _invitations.Count);
    }

    [Fact]
    public void Invitations_EndWithTheSession()
    {
        var session = StartSession();
        Invite(session, s_bob);

        session.End(SessionEnding.EndedByUser);

        Assert.False(_invitations.Allows(session.Id, s_bob, "watch", _time.GetUtcNow()));
        Assert.Empty(_invitations.List(session.Id));
        Assert.Equal(0, _invitations.Count);
    }

    [Fact]
    public void EndSession_DropsEveryInvitation_AsSessionEnded()
    {
        var session = StartSession();
        var ended = new List<SessionInvitationEnd>();
        using var _ = _invitations.OnEnded((_, why) => ended.Add(why));
        Invite(session, s_bob);
        Invite(session, Guid.NewGuid());

        _invitations.EndSession(session.Id);

        Assert.Equal([SessionInvitationEnd.SessionEnded, SessionInvitationEnd.SessionEnded], ended);
        Assert.Equal(0, _invitations.Count);
    }

    [Fact]
    public void FindManaged_OwnerOrAdminOnly_EndedIsLikeUnknown()
    {
        var session = StartSession();

        Assert.Same(session, _invitations.FindManaged(session.Id, s_owner, callerIsAdmin: false));
        Assert.Same(session, _invitations.FindManaged(session.Id, Guid.NewGuid(), callerIsAdmin: true));
        Assert.Null(_invitations.FindManaged(session.Id, s_bob, callerIsAdmin: false));
        Assert.Null(_invitations.FindManaged("no-such-session", s_owner, callerIsAdmin: true));

        session.End(SessionEnding.EndedByUser);
        Assert.Null(_invitations.FindManaged(session.Id, s_owner, callerIsAdmin: false));
    }

    [Theory]
    [InlineData("type", 30, "mode")]
    [InlineData("watch", 0, "minutes")]
    [InlineData("watch", SessionInvitationLimits.MaxMinutes + 1, "minutes")]
    public void Invite_BadInput_IsAFieldError(string mode, int minutes, string field)
    {
        var result = _invitations.Invite(StartSession(), s_bob, "bob", mode, minutes, "alice");

        Assert.Equal(ChangeStatus.Invalid, result.Status);
        Assert.Equal([field], result.FieldErrors.Keys);
        Assert.Equal(0, _invitations.Count);
    }

    [Fact]
    public void Invite_TheOwner_OrSomeoneAlreadyInvited_IsAFieldErrorOnUser()
    {
        var session = StartSession();
        Invite(session, s_bob);

        Assert.Equal(["user"], _invitations.Invite(session, s_owner, "alice", "watch", 5, "alice").FieldErrors.Keys);
        Assert.Equal(["user"], _invitations.Invite(session, s_bob, "bob", "control", 5, "alice").FieldErrors.Keys);
        Assert.Equal(1, _invitations.Count);
    }

    [Fact]
    public void PerSessionBound_RefusesTheNextInvitation_AndKeepsTheOthers()
    {
        var session = StartSession();
        for (var i = 0; i < SessionInvitationLimits.PerSession; i++)
        {
            Invite(session, Guid.NewGuid());
        }

        var refused = _invitations.Invite(session, s_bob, "bob", "watch", 5, "alice");

        Assert.Equal(ChangeStatus.Conflict, refused.Status);
        Assert.Equal(SessionInvitationLimits.PerSession, _invitations.List(session.Id).Count);
        Invite(StartSession(), s_bob);
    }

    [Fact]
    public void TotalBound_RefusesAcrossSessions_UntilOneExpires()
    {
        var sessions = Enumerable.Range(0, SessionInvitationLimits.Total / SessionInvitationLimits.PerSession).Select(_ => StartSession()).ToList();
        foreach (var session in sessions)
        {
            for (var i = 0; i < SessionInvitationLimits.PerSession; i++)
            {
                Invite(session, Guid.NewGuid(), minutes: session == sessions[0] && i == 0 ? 1 : 60);
            }
        }

        var other = StartSession();
        Assert.Equal(ChangeStatus.Conflict, _invitations.Invite(other, s_bob, "bob", "watch", 5, "alice").Status);

        _time.Advance(TimeSpan.FromMinutes(1));
        Invite(other, s_bob);
        Assert.Equal(SessionInvitationLimits.Total, _invitations.Count);
    }
}

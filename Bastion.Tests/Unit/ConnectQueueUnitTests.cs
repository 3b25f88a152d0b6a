using Bastion.Core.Sessions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Unit;

/// <summary>The connect queue's bounds on their own (issue 12): per host, in total, at the queue's bound and on
/// cancellation; a <see cref="FakeTimeProvider"/> drives the queue's wait, so no test waits for real time.</summary>
public sealed class ConnectQueueUnitTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Enter_WithAFreeSlot_AdmitsAtOnceWithoutQueuedNotice()
    {
        var queue = Create(perHost: 1);
        var notices = 0;

        using var turn = await queue.EnterAsync("h:22", () => { notices++; return Task.CompletedTask; }, CancellationToken.None).WithTimeout();

        Assert.Equal(ConnectTurnOutcome.Admitted, turn.Outcome);
        Assert.False(turn.Waited);
        Assert.Equal(0, notices);
    }

    [Fact]
    public async Task Enter_WhenTheHostsSlotsAreTaken_WaitsUntilOneIsFreed_OtherHostsDoNot()
    {
        var queue = Create(perHost: 1);
        var first = await queue.EnterAsync("h:22", NoNotice, CancellationToken.None).WithTimeout();
        var notified = new TaskCompletionSource();

        var second = queue.EnterAsync("h:22", () => { notified.TrySetResult(); return Task.CompletedTask; }, CancellationToken.None);
        await notified.Task.WithTimeout();
        using var other = await queue.EnterAsync("other:22", NoNotice, CancellationToken.None).WithTimeout();
        Assert.False(second.IsCompleted);
        Assert.Equal(1, queue.WaitingFor("h:22"));

        first.Dispose();
        using var turn = await second.WithTimeout();
        Assert.Equal(ConnectTurnOutcome.Admitted, turn.Outcome);
        Assert.True(turn.Waited);
        Assert.Equal(0, queue.WaitingFor("h:22"));
    }

    [Fact]
    public async Task Enter_WhenTheGlobalBoundIsReached_WaitsEvenForAnotherHost()
    {
        var queue = Create(perHost: 4, global: 1);
        var first = await queue.EnterAsync("a:22", NoNotice, CancellationToken.None).WithTimeout();

        var second = queue.EnterAsync("b:22", NoNotice, CancellationToken.None);
        Assert.False(second.IsCompleted);

        first.Dispose();
        using var turn = await second.WithTimeout();
        Assert.Equal(ConnectTurnOutcome.Admitted, turn.Outcome);
    }

    [Fact]
    public async Task Enter_PastMaxQueued_IsRefusedAsQueueFull()
    {
        var queue = Create(perHost: 1, maxQueued: 1);
        using var first = await queue.EnterAsync("h:22", NoNotice, CancellationToken.None).WithTimeout();
        var waiting = queue.EnterAsync("h:22", NoNotice, CancellationToken.None);

        using var refused = await queue.EnterAsync("h:22", NoNotice, CancellationToken.None).WithTimeout();

        Assert.Equal(ConnectTurnOutcome.QueueFull, refused.Outcome);
        Assert.False(waiting.IsCompleted);
    }

    [Fact]
    public async Task Enter_WhenTheQueueTimeoutPasses_IsRefusedAsTimedOut_AndTheSlotIsStillUsable()
    {
        var queue = Create(perHost: 1, queueTimeout: TimeSpan.FromSeconds(30));
        var first = await queue.EnterAsync("h:22", NoNotice, CancellationToken.None).WithTimeout();
        var waiting = queue.EnterAsync("h:22", NoNotice, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(31));
        using var timedOut = await waiting.WithTimeout();

        Assert.Equal(ConnectTurnOutcome.TimedOut, timedOut.Outcome);
        first.Dispose();
        using var next = await queue.EnterAsync("h:22", NoNotice, CancellationToken.None).WithTimeout();
        Assert.False(next.Waited);
    }

    [Fact]
    public async Task Enter_CancelledWhileQueued_Throws_AndGivesBackNothingItDidNotTake()
    {
        var queue = Create(perHost: 2, global: 1);
        var first = await queue.EnterAsync("h:22", NoNotice, CancellationToken.None).WithTimeout();
        using var cancel = new CancellationTokenSource();
        var waiting = queue.EnterAsync("h:22", NoNotice, cancel.Token); // holds a host slot, waits for the global one

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WithTimeout());
        first.Dispose();

        // Everything taken was given back: the host's gate is gone from the table, and a new turn needs no wait.
        Assert.Equal(0, queue.TrackedHosts);
        using var a = await queue.EnterAsync("h:22", NoNotice, CancellationToken.None).WithTimeout();
        Assert.False(a.Waited);
    }

    private ConnectQueue Create(int perHost, int global = 0, int maxQueued = 100, TimeSpan? queueTimeout = null) =>
        new(Options.Create(new ConnectQueueOptions
        {
            MaxConcurrentHandshakesPerHost = perHost,
            MaxConcurrentHandshakes = global,
            MaxQueuedConnectsPerHost = maxQueued,
            ConnectQueueTimeout = queueTimeout ?? TimeSpan.FromMinutes(5),
        }), _time);

    private static Task NoNotice() => Task.CompletedTask;
}

using Bastion.Core.Terminal;

namespace Bastion.Tests.Unit;

public sealed class FlowWindowTests
{
    [Fact]
    public void BelowHighWater_DoesNotWait()
    {
        var flow = new FlowWindow(highWater: 100, lowWater: 20);
        flow.OnSent(99);
        Assert.True(flow.WaitForRoomAsync(CancellationToken.None).AsTask().IsCompleted);
        Assert.False(flow.IsPaused);
    }

    [Fact]
    public async Task AtHighWater_Pauses_UntilAcksReachLowWater()
    {
        var flow = new FlowWindow(highWater: 100, lowWater: 20);
        flow.OnSent(150);

        var wait = flow.WaitForRoomAsync(CancellationToken.None).AsTask();
        Assert.False(wait.IsCompleted);
        Assert.True(flow.IsPaused);

        flow.OnAck(100); // 50 left: below high water but above low water, still paused (hysteresis)
        Assert.False(wait.IsCompleted);
        Assert.False(flow.WaitForRoomAsync(CancellationToken.None).AsTask().IsCompleted);

        flow.OnAck(30); // 20 left: resume
        await wait.WithTimeout();
        Assert.False(flow.IsPaused);
        Assert.Equal(1, flow.Pauses);
    }

    [Fact]
    public async Task TheAckThatReachesLowWater_ResumesTheWaiter_OnItsOwnThread_BeforeItReturns()
    {
        // Issue 12: the input pump's ack resumes the output pump inline, without a thread-pool hop.
        var flow = new FlowWindow(highWater: 100, lowWater: 20);
        flow.OnSent(150);
        int? resumedOn = null;
        var waiter = ResumeAsync();

        async Task ResumeAsync()
        {
            await flow.WaitForRoomAsync(CancellationToken.None);
            resumedOn = Environment.CurrentManagedThreadId;
        }

        Assert.Null(resumedOn);
        var ackingThread = Environment.CurrentManagedThreadId;
        flow.OnAck(140);

        Assert.Equal(ackingThread, resumedOn);
        await waiter.WithTimeout();
    }

    [Fact]
    public void HasRoom_FollowsTheMarks()
    {
        var flow = new FlowWindow(highWater: 100, lowWater: 20);
        Assert.True(flow.HasRoom);
        flow.OnSent(99);
        Assert.True(flow.HasRoom);
        flow.OnSent(1);
        Assert.False(flow.HasRoom); // at high water
        var pause = flow.WaitForRoomAsync(CancellationToken.None).AsTask();
        Assert.False(flow.HasRoom);
        flow.OnAck(50);
        Assert.False(flow.HasRoom); // hysteresis
        flow.OnAck(30);
        Assert.True(flow.HasRoom);
        Assert.True(pause.IsCompletedSuccessfully);
    }

    [Fact]
    public void OverAck_IsReported_AndClampedAtZero()
    {
        var flow = new FlowWindow(highWater: 100, lowWater: 20);
        flow.OnSent(10);
        Assert.False(flow.OnAck(11));
        Assert.Equal(0, flow.Unacknowledged);
    }

    [Fact]
    public async Task Wait_IsCancellable()
    {
        var flow = new FlowWindow(highWater: 10, lowWater: 0);
        flow.OnSent(10);
        using var cts = new CancellationTokenSource();
        var wait = flow.WaitForRoomAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WithTimeout());
    }
}

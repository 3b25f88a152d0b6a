using Bastion.Core.Recording.Search;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Search;

/// <summary>The pace of live indexing during a flood (issue 12): a pass that ran out of budget on a recording that
/// grew meanwhile is followed by rest in proportion to its duration; a calm recording, an ended session and a lag past
/// its bound are indexed back to back. Fake time, so nothing waits.</summary>
public sealed class LiveIndexPacerTests
{
    private const long Lag = 64L * 1024 * 1024;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AStreamingRecording_GetsRestInProportionToItsPass()
    {
        var pacer = new LiveIndexPacer(share: 0.25, Lag, _time);
        Assert.True(pacer.MayPass("s", fileLength: 10_000_000));
        pacer.Passed("s", IndexPass.More, TimeSpan.FromMilliseconds(100), position: 1_048_576, lengthBefore: 10_000_000, lengthAfter: 11_000_000);

        Assert.True(pacer.Holds("s"));
        Assert.False(pacer.MayPass("s", 12_000_000));
        Assert.Equal(TimeSpan.FromMilliseconds(300), pacer.NextDue(["s"]));
        Assert.Null(pacer.NextDue(["another"])); // a hold on "s" is not a due time for a loop that does not pass over it
        _time.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(pacer.MayPass("s", 12_000_000));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(pacer.MayPass("s", 12_000_000));
        Assert.Null(pacer.NextDue(["s"]));
    }

    [Fact]
    public void ACalmRecording_ACaughtUpPass_AndShareOne_AreNotHeldBack()
    {
        var pacer = new LiveIndexPacer(share: 0.25, Lag, _time);
        // The file did not grow while the pass ran: the output calmed, the catch-up runs back to back.
        pacer.Passed("calm", IndexPass.More, TimeSpan.FromMilliseconds(100), 1_048_576, lengthBefore: 5_000_000, lengthAfter: 5_000_000);
        pacer.Passed("caught-up", IndexPass.CaughtUp, TimeSpan.FromMilliseconds(100), 5_000_000, 4_000_000, 5_000_000);
        pacer.Passed("failed", null, TimeSpan.FromMilliseconds(100), 0, 4_000_000, 5_000_000);
        var unpaced = new LiveIndexPacer(share: 1, Lag, _time);
        unpaced.Passed("one", IndexPass.More, TimeSpan.FromMilliseconds(100), 1_048_576, 4_000_000, 5_000_000);

        Assert.Equal(0, pacer.Paced);
        Assert.True(pacer.MayPass("calm", 5_000_000));
        Assert.Null(pacer.NextDue(["calm", "caught-up", "failed"]));
        Assert.False(unpaced.Holds("one"));
        Assert.Equal(0, unpaced.Paced);
    }

    [Fact]
    public void TheLag_IsBounded_PastItPassesRunBackToBack()
    {
        var pacer = new LiveIndexPacer(share: 0.25, Lag, _time);
        pacer.Passed("s", IndexPass.More, TimeSpan.FromMilliseconds(100), position: 1_048_576, lengthBefore: 2_000_000, lengthAfter: 3_000_000);
        Assert.False(pacer.MayPass("s", 1_048_576 + Lag));
        Assert.True(pacer.MayPass("s", 1_048_576 + Lag + 1));

        // A pass that leaves more than the bound behind is not followed by rest either.
        pacer.Passed("s", IndexPass.More, TimeSpan.FromMilliseconds(100), position: 2_097_152, lengthBefore: Lag, lengthAfter: 2_097_152 + Lag + 1);
        Assert.False(pacer.Holds("s"));
    }

    [Fact]
    public void AnEndedSession_IsForgotten()
    {
        var pacer = new LiveIndexPacer(share: 0.25, Lag, _time);
        pacer.Passed("s", IndexPass.More, TimeSpan.FromMilliseconds(100), 1_048_576, 2_000_000, 3_000_000);
        pacer.Forget("s");
        Assert.True(pacer.MayPass("s", 4_000_000));
        Assert.Equal(0, pacer.Paced);
    }
}

using System.Diagnostics.Metrics;
using Bastion.Core.Telemetry;
using Bastion.Core.Terminal;
using Bastion.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Unit;

/// <summary>Deferred output wakes and wake-timer ticks are visible on the metrics endpoint (issue 12: the echo tail is
/// judged by counting them during a bench run, docs/PERFORMANCE.md). The instruments are process-wide and other tests
/// run at the same time, so the counts here are lower bounds.</summary>
public sealed class OutputBufferWakeMetricsTests
{
    [Fact]
    public async Task ADeferredWake_AndTheTimerTickThatEndsIt_AreCounted()
    {
        long moreComing = 0, ticks = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BastionInstruments.MeterName &&
                instrument.Name is "bastion.relay.output.wakes_deferred" or "bastion.relay.output.wake_timer_ticks")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "bastion.relay.output.wake_timer_ticks")
            {
                Interlocked.Add(ref ticks, value);
            }
            else if (tags.ToArray().Contains(BastionInstruments.ReasonMoreComing))
            {
                Interlocked.Add(ref moreComing, value);
            }
        });
        listener.Start();

        var time = new FakeTimeProvider();
        var buffer = new OutputBuffer(capacity: 64, maxChunk: 16, wakeBytes: 32, time: time);
        var read = buffer.ReadAsync(new byte[64], CancellationToken.None).AsTask();
        Assert.True(buffer.Write(new byte[8], moreComing: true));
        Assert.True(buffer.Write(new byte[8], moreComing: true));
        time.Advance(OutputBuffer.MaxWakeDelay);

        Assert.Equal(16, await read.WithTimeout());
        Assert.True(Interlocked.Read(ref moreComing) >= 2, $"more_coming deferrals counted: {moreComing}");
        Assert.True(Interlocked.Read(ref ticks) >= 1, $"timer ticks counted: {ticks}");
    }
}

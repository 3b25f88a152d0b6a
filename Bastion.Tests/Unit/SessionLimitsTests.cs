using Bastion.Core.Sessions;
using Bastion.Core.Terminal;
using Bastion.Web.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Unit;

/// <summary>Which limits a session gets (global setting or host override), when it is warned, and the clocks that
/// end it (issue 9), on a <see cref="FakeTimeProvider"/>.</summary>
public sealed class SessionLimitsTests
{
    private static readonly TerminalOptions Global = new()
    {
        IdleTimeout = TimeSpan.FromMinutes(15),
        MaxDuration = TimeSpan.FromHours(8),
        MaxSessionsPerUser = 5,
    };

    [Fact]
    public void NoOverride_TakesTheGlobalSettings()
    {
        var limits = SessionLimits.Resolve(Global, HostLimitOverrides.None);

        Assert.Equal(new SessionLimits(TimeSpan.FromMinutes(15), TimeSpan.FromHours(8), 5, TimeSpan.FromSeconds(60)), limits);
    }

    [Fact]
    public void HostOverride_WinsOverTheGlobalSetting_AndZeroTurnsALimitOff()
    {
        var limits = SessionLimits.Resolve(Global, new HostLimitOverrides(IdleTimeoutSeconds: 120, MaxDurationSeconds: 0, MaxSessionsPerUser: null));

        Assert.Equal(TimeSpan.FromMinutes(2), limits.IdleTimeout);
        Assert.Equal(TimeSpan.Zero, limits.MaxDuration);
        Assert.Equal(5, limits.MaxSessionsPerUser);
        Assert.True(SessionLimits.Resolve(new TerminalOptions(), new HostLimitOverrides(null, 60, 0)).HasTimers);
        Assert.False(SessionLimits.Resolve(new TerminalOptions(), HostLimitOverrides.None).HasTimers);
    }

    [Theory]
    [InlineData(900, 60, 60)] // the usual: a minute before
    [InlineData(60, 60, 30)] // a short limit: half of it
    [InlineData(4, 60, 2)]
    [InlineData(0, 60, 0)] // off: no warning
    [InlineData(900, 0, 0)] // warnings turned off
    public void WarningLead_IsTheWarningSetting_AtMostHalfTheLimit(int limitSeconds, int warningSeconds, int leadSeconds)
    {
        var limits = new SessionLimits(TimeSpan.Zero, TimeSpan.Zero, 0, TimeSpan.FromSeconds(warningSeconds));

        Assert.Equal(TimeSpan.FromSeconds(leadSeconds), limits.WarningLead(TimeSpan.FromSeconds(limitSeconds)));
    }

    [Theory]
    [InlineData(0, 100, true)]
    [InlineData(3, 2, true)]
    [InlineData(3, 3, false)]
    [InlineData(1, 1, false)]
    public void Cap_AllowsOneMore_OnlyBelowTheLimit(int cap, int running, bool allowed) =>
        Assert.Equal(allowed, new SessionLimits(TimeSpan.Zero, TimeSpan.Zero, cap, TimeSpan.Zero).AllowsAnother(running));

    [Fact]
    public async Task IdleClock_WarnsAtTheLead_ThenEndsAsIdleTimeout()
    {
        var (time, clock, warnings, endings) = Start(idle: TimeSpan.FromMinutes(15), max: TimeSpan.Zero);

        time.Advance(TimeSpan.FromMinutes(14) - TimeSpan.FromSeconds(1));
        Assert.Empty(warnings);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ErrorCodes.IdleTimeoutSoon, Assert.Single(warnings).Code);
        Assert.Equal(60, warnings[0].Seconds);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(endings);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Same(SessionEnding.IdleTimeout, Assert.Single(endings));
        Assert.Single(warnings);
        await clock.DisposeAsync();
    }

    [Fact]
    public async Task IdleClock_InputPostponesIt_AndAfterNewInputItWarnsAgain()
    {
        var (time, clock, warnings, endings) = Start(idle: TimeSpan.FromMinutes(15), max: TimeSpan.Zero);
        time.Advance(TimeSpan.FromMinutes(14));
        Assert.Single(warnings);

        time.Advance(TimeSpan.FromSeconds(30));
        clock.OnInput();
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(endings);
        Assert.Single(warnings);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(2, warnings.Count);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Same(SessionEnding.IdleTimeout, Assert.Single(endings));
        await clock.DisposeAsync();
    }

    [Fact]
    public async Task DurationClock_EndsAsMaxDuration_WhateverIsTyped()
    {
        var (time, clock, warnings, endings) = Start(idle: TimeSpan.Zero, max: TimeSpan.FromHours(1));
        for (var i = 0; i < 59; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            clock.OnInput();
        }

        Assert.Equal(ErrorCodes.MaxDurationSoon, Assert.Single(warnings).Code);
        Assert.Empty(endings);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Same(SessionEnding.MaxDuration, Assert.Single(endings));
        await clock.DisposeAsync();
    }

    [Fact]
    public async Task Disposed_ClocksNeitherWarnNorEnd()
    {
        var (time, clock, warnings, endings) = Start(idle: TimeSpan.FromMinutes(1), max: TimeSpan.FromMinutes(2));
        await clock.DisposeAsync();

        time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(warnings);
        Assert.Empty(endings);
    }

    [Fact]
    public void Endings_HaveTheirOwnCodes_ACloseThatIsNotRetried_AndTheirAuditReasons()
    {
        Assert.Equal(("idle_timeout", "idle_timeout"), (SessionEnding.IdleTimeout.Code, SessionEnding.IdleTimeout.Reason));
        Assert.Equal(("max_duration", "max_duration"), (SessionEnding.MaxDuration.Code, SessionEnding.MaxDuration.Reason));
        Assert.Equal((System.Net.WebSockets.WebSocketCloseStatus)4002, SessionEnding.IdleTimeout.Status);
        Assert.Equal((System.Net.WebSockets.WebSocketCloseStatus)4003, SessionEnding.MaxDuration.Status);
    }

    [Fact]
    public void Warning_IsAWarningMessage_WithCodeMessageAndSeconds()
    {
        using var json = System.Text.Json.JsonDocument.Parse(LimitWarning.IdleSoon(TimeSpan.FromSeconds(59.6)).ToJson());

        Assert.Equal("warning", json.RootElement.GetProperty("flag").GetString());
        Assert.Equal("idle_timeout_soon", json.RootElement.GetProperty("code").GetString());
        Assert.Equal(60, json.RootElement.GetProperty("seconds").GetInt32());
        Assert.Contains("60 s", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(TerminalOptions.IdleTimeout), "Terminal:IdleTimeout is -00:00:01; it must be 00:00:00 (off) or more.")]
    [InlineData(nameof(TerminalOptions.MaxDuration), "Terminal:MaxDuration is -00:00:01; it must be 00:00:00 (off) or more.")]
    [InlineData(nameof(TerminalOptions.MaxSessionsPerUser), "Terminal:MaxSessionsPerUser is -1; it must be 0 (unlimited) or more.")]
    [InlineData(nameof(TerminalOptions.LimitWarning), "Terminal:LimitWarning is -00:00:01; it must be 00:00:00 (no warning) or more.")]
    public void Validator_RefusesNegativeLimits(string setting, string message)
    {
        var minus = TimeSpan.FromSeconds(-1);
        var options = setting switch
        {
            nameof(TerminalOptions.IdleTimeout) => new TerminalOptions { IdleTimeout = minus },
            nameof(TerminalOptions.MaxDuration) => new TerminalOptions { MaxDuration = minus },
            nameof(TerminalOptions.MaxSessionsPerUser) => new TerminalOptions { MaxSessionsPerUser = -1 },
            _ => new TerminalOptions { LimitWarning = minus },
        };

        var result = new TerminalOptionsValidator().Validate(null, options);

        Assert.Equal([message], result.Failures);
    }

    private static (FakeTimeProvider Time, SessionLimitClock Clock, List<LimitWarning> Warnings, List<SessionEnding> Endings) Start(TimeSpan idle, TimeSpan max)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var warnings = new List<LimitWarning>();
        var endings = new List<SessionEnding>();
        var clock = new SessionLimitClock(new SessionLimits(idle, max, 0, TimeSpan.FromSeconds(60)), time, e =>
        {
            endings.Add(e);
            return true;
        });
        clock.Start((w, _) =>
        {
            warnings.Add(w);
            return Task.CompletedTask;
        });
        return (time, clock, warnings, endings);
    }
}

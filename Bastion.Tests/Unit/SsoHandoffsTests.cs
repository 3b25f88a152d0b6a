using Bastion.Core.Cluster;
using Bastion.Core.Validation;
using Bastion.Web.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Unit;

/// <summary>The single sign-on hand-off codes: single use, short-lived, unguessable, bounded.</summary>
public sealed class SsoHandoffsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task ACode_IsTakenOnce()
    {
        var handoffs = new SsoHandoffs(_time, new InProcessBus());
        var user = Guid.NewGuid();
        var code = (await handoffs.AddAsync(user, null))!;

        Assert.Equal(user, (await handoffs.TakeAsync(code))?.UserId);
        Assert.Null(await handoffs.TakeAsync(code));
    }

    [Fact]
    public async Task ACode_ExpiresAfterItsLifetime()
    {
        var handoffs = new SsoHandoffs(_time, new InProcessBus());
        var code = (await handoffs.AddAsync(Guid.NewGuid(), null))!;

        _time.Advance(SsoHandoffs.Lifetime);

        Assert.Null(await handoffs.TakeAsync(code));
    }

    [Fact]
    public async Task Codes_AreLongAndDistinct_AndUnknownOnesFindNothing()
    {
        var handoffs = new SsoHandoffs(_time, new InProcessBus());
        var codes = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            codes.Add((await handoffs.AddAsync(null, ReplyMessages.SsoFailed))!);
        }


        Assert.Equal(100, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Equal(43, c.Length)); // 256 bits, base64url
        Assert.Null(await handoffs.TakeAsync("not-a-code"));
        Assert.Null(await handoffs.TakeAsync(null));
        Assert.Equal((ReplyMessages.SsoFailed.Text, ReplyCodes.SsoFailed), await handoffs.TakeAsync(codes[0]) is { } taken ? (taken.Message, taken.Code) : default);
    }

    [Fact]
    public async Task AtTheBound_NewCodesAreRefused_UntilOldOnesExpire()
    {
        var handoffs = new SsoHandoffs(_time, new InProcessBus());
        for (var i = 0; i < SsoHandoffs.MaxPending; i++)
        {
            Assert.NotNull(await handoffs.AddAsync(Guid.NewGuid(), null));
        }

        Assert.Null(await handoffs.AddAsync(Guid.NewGuid(), null));
        _time.Advance(SsoHandoffs.Lifetime);
        Assert.NotNull(await handoffs.AddAsync(Guid.NewGuid(), null));
    }

    [Fact]
    public async Task AFloodOfFailedCallbacks_HasItsOwnBound_AndCannotCrowdOutSignIns()
    {
        var handoffs = new SsoHandoffs(_time, new InProcessBus());
        for (var i = 0; i < SsoHandoffs.MaxPendingFailures; i++)
        {
            Assert.NotNull(await handoffs.AddAsync(null, ReplyMessages.SsoFailed));
        }

        Assert.Null(await handoffs.AddAsync(null, ReplyMessages.SsoFailed));
        var userId = Guid.NewGuid();
        var code = await handoffs.AddAsync(userId, null); // a real sign-in still gets its code
        Assert.NotNull(code);
        Assert.Equal(userId, (await handoffs.TakeAsync(code))?.UserId);
    }
}

using Bastion.Web.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Tests.Unit;

/// <summary>The single sign-on hand-off codes: single use, short-lived, unguessable, bounded.</summary>
public sealed class SsoHandoffsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void ACode_IsTakenOnce()
    {
        var handoffs = new SsoHandoffs(_time);
        var user = Guid.NewGuid();
        var code = handoffs.Add(user, null)!;

        Assert.Equal(user, handoffs.Take(code)?.UserId);
        Assert.Null(handoffs.Take(code));
    }

    [Fact]
    public void ACode_ExpiresAfterItsLifetime()
    {
        var handoffs = new SsoHandoffs(_time);
        var code = handoffs.Add(Guid.NewGuid(), null)!;

        _time.Advance(SsoHandoffs.Lifetime);

        Assert.Null(handoffs.Take(code));
    }

    [Fact]
    public void Codes_AreLongAndDistinct_AndUnknownOnesFindNothing()
    {
        var handoffs = new SsoHandoffs(_time);
        var codes = Enumerable.Range(0, 100).Select(_ => handoffs.Add(null, "refused")!).ToList();

        Assert.Equal(100, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Equal(43, c.Length)); // 256 bits, base64url
        Assert.Null(handoffs.Take("not-a-code"));
        Assert.Null(handoffs.Take(null));
        Assert.Equal("refused", handoffs.Take(codes[0])?.Message);
    }

    [Fact]
    public void AtTheBound_NewCodesAreRefused_UntilOldOnesExpire()
    {
        var handoffs = new SsoHandoffs(_time);
        for (var i = 0; i < SsoHandoffs.MaxPending; i++)
        {
            Assert.NotNull(handoffs.Add(null, "x"));
        }

        Assert.Null(handoffs.Add(null, "one too many"));
        _time.Advance(SsoHandoffs.Lifetime);
        Assert.NotNull(handoffs.Add(null, "after expiry"));
    }
}

using Bastion.Core.Access;
using Bastion.Core.Cluster;
using Bastion.Core.Validation;
using Bastion.Testing;
using Bastion.Web.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bastion.Tests.Cluster;

/// <summary>The sign-in stores over <see cref="RedisBus"/> with a real redis-server (issue 10): what one node stores,
/// another finds, and what is single use is taken once across nodes; no secret is a Redis key.</summary>
public sealed class SharedStashTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.StartAsync();

    public Task DisposeAsync() => _redis.DisposeAsync().AsTask();

    [Fact]
    public async Task SsoHandoff_MadeOnOneNode_IsTakenOnceOnAnother()
    {
        using var x = Bus("x");
        using var y = Bus("y");
        var onX = new SsoHandoffs(TimeProvider.System, x);
        var onY = new SsoHandoffs(TimeProvider.System, y);
        var user = Guid.NewGuid();
        var code = (await onX.AddAsync(user, null))!;

        Assert.Equal(user, (await onY.TakeAsync(code))?.UserId);
        Assert.Null(await onY.TakeAsync(code));
        Assert.Null(await onX.TakeAsync(code));
        Assert.Null(await x.GetStateAsync("sso:" + code)); // stored under its digest, never the code itself
    }

    [Fact]
    public async Task SsoFailure_MadeOnOneNode_IsTakenOnceOnAnother()
    {
        using var x = Bus("x");
        using var y = Bus("y");
        var code = (await new SsoHandoffs(TimeProvider.System, x).AddAsync(null, ReplyMessages.SsoNotPermitted))!;
        var onY = new SsoHandoffs(TimeProvider.System, y);

        Assert.Equal((ReplyMessages.SsoNotPermitted.Text, ReplyCodes.SsoNotPermitted), await onY.TakeAsync(code) is { } taken ? (taken.Message, taken.Code) : default);
        Assert.Null(await onY.TakeAsync(code));
    }

    [Fact]
    public async Task MfaChallenge_IssuedOnOneNode_IsFoundAndConsumedOnceOnAnother_AndFailuresCountAcrossNodes()
    {
        using var x = Bus("x");
        using var y = Bus("y");
        var onX = new MfaChallenges(x, TimeProvider.System);
        var onY = new MfaChallenges(y, TimeProvider.System);
        var user = new User { Id = Guid.NewGuid(), UserName = "mfa-" + Guid.NewGuid().ToString("N")[..8], PasswordHash = "", Roles = "operator" };

        var token = (await onX.IssueAsync(user, enrol: false))!;
        Assert.Equal(user.UserName, (await onY.FindAsync(token))?.UserName);
        Assert.True(await onY.ConsumeAsync(token));
        Assert.False(await onX.ConsumeAsync(token));

        var failing = (await onX.IssueAsync(user, enrol: false))!;
        for (var i = 0; i < MfaChallenges.MaxFailures; i++)
        {
            await (i % 2 == 0 ? onX : onY).FailAsync(failing);
        }

        Assert.Null(await onX.FindAsync(failing));
        Assert.Null(await onY.FindAsync(failing));
    }

    private RedisBus Bus(string node) => new(
        Options.Create(new BusOptions { Redis = _redis.Endpoint }),
        Options.Create(new ClusterOptions { NodeId = node, Lease = TimeSpan.FromSeconds(1) }),
        NullLogger<RedisBus>.Instance);
}

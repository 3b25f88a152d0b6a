using Bastion.Core.Access;
using Bastion.Core.Sessions;
using Bastion.Web.Hosting;

namespace Bastion.Web.Auth;

/// <summary>
/// Terminals follow their login (issue 11): every <see cref="Interval"/> (on the injected <see cref="TimeProvider"/>)
/// the logins and API tokens that opened the registry's live sessions are checked, and the sessions of those that are
/// over (idle, past their absolute end, user disabled, token revoked or expired) end with <c>login_ended</c>. Endings
/// the server causes itself (logout, ending a login, a password change) end their sessions at once, not here.
/// </summary>
internal sealed partial class LoginWatch(ISessionRegistry registry, IServiceScopeFactory scopes, TimeProvider time, ILogger<LoginWatch> logger)
    : PeriodicCheck
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(Interval, time, cancellationToken);

    protected override void OnCheckFailed(Exception error) => LogCheckFailed(error);

    public override async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        var ids = registry.Snapshot().Where(s => s.IsLive).Select(s => s.Request.LoginId).OfType<Guid>().ToHashSet();
        if (ids.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var over = (await scope.ServiceProvider.GetRequiredService<LoginSessions>().FindOverAsync(ids, cancellationToken)).Keys.ToHashSet();
        over.UnionWith(await scope.ServiceProvider.GetRequiredService<ApiTokens>().FindOverAsync(ids, cancellationToken));
        if (LoginEnding.EndSessionsOf(registry, over) is > 0 and var count)
        {
            LogEnded(count);
        }
    }

    [LoggerMessage(EventId = 2310, Level = LogLevel.Information, Message = "Ended {Count} sessions whose login is over")]
    private partial void LogEnded(int count);

    [LoggerMessage(EventId = 2311, Level = LogLevel.Error, Message = "Login re-check failed")]
    private partial void LogCheckFailed(Exception ex);
}

using Bastion.Core.Ssh;

namespace Bastion.Web.Sessions;

internal static class SessionsExtensions
{
    public static void AddBastionSessions(this IServiceCollection services)
    {
        // Fail at start-up, naming the SSH.NET version, rather than open sessions without the internals they rely on.
        SshNetInternals.EnsureSupported();
    }
}

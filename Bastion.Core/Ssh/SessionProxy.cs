using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Bastion.Core.Ssh;

/// <summary>
/// Stands in for SSH.NET's internal <c>ISession</c> when a <c>ShellStream</c> is constructed, so that the one call
/// <c>CreateChannelSession()</c> returns a channel with Bastion's window size; every other call goes to the real
/// session. See <see cref="SshNetInternals"/> for why.
/// </summary>
public class SessionProxy : DispatchProxy
{
    private object? _inner;
    private Func<object>? _createChannel;

    internal void Initialize(object inner, Func<object> createChannel)
    {
        _inner = inner;
        _createChannel = createChannel;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == "CreateChannelSession" && args is null or { Length: 0 })
        {
            return _createChannel!();
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}

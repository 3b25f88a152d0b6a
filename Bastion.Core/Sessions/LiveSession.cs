using Bastion.Core.Recording;
using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>
/// One session as the server sees it, from before its SSH connection opens until it has been audited as ended. It
/// owns its <see cref="ShellSession"/> (the SSH shell, the recorder tap, the screen model and the attached browser
/// sockets) once connected. <see cref="End"/> is the one way to end it, whoever asks (kill, revocation, shutdown,
/// the user, a limit); the shell's own exit ends the same way from inside.
/// </summary>
internal sealed class LiveSession : IDisposable
{
    private readonly CancellationTokenSource _connecting = new();
    private readonly Lock _lock = new();
    private ShellSession? _shell;
    private SessionEnding? _earlyEnding;

    public LiveSession(TerminalSessionRequest request)
    {
        Request = request;
        Facts = request.ToFacts();
    }

    public TerminalSessionRequest Request { get; }

    public SessionFacts Facts { get; }

    public string Id => Request.SessionId;

    public Guid UserId => Request.UserId;

    public Guid HostId => Request.HostId;

    public string UserName => Request.UserName;

    /// <summary>Cancelled when the session is ended before its shell is open.</summary>
    public CancellationToken EndedWhileConnecting => _connecting.Token;

    /// <summary>The ending that came while connecting, if one did.</summary>
    public SessionEnding? EarlyEnding
    {
        get
        {
            lock (_lock)
            {
                return _earlyEnding;
            }
        }
    }

    public ShellSession? Shell
    {
        get
        {
            lock (_lock)
            {
                return _shell;
            }
        }
    }

    /// <summary>Completes when the session is over and audited; set once the shell is open.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>Neither ended nor ending.</summary>
    public bool IsLive => EarlyEnding is null && Shell is not { IsEnded: true };

    /// <summary>Running with no browser attached (waiting for an attach within the grace).</summary>
    public bool IsDetached => Shell is { IsEnded: false, IsAttached: false };

    public bool End(SessionEnding ending)
    {
        ShellSession? shell;
        lock (_lock)
        {
            shell = _shell;
            if (shell is null)
            {
                if (_earlyEnding is not null)
                {
                    return false;
                }

                _earlyEnding = ending;
            }
        }

        if (shell is not null)
        {
            return shell.End(ending);
        }

        try
        {
            _connecting.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Refused and disposed meanwhile: nothing left to stop.
        }

        return true;
    }

    /// <summary>When the session is over; its shell session goes with it.</summary>
    public void Dispose()
    {
        _connecting.Dispose();
        Shell?.Dispose();
    }

    /// <summary>Hands the open shell to the session; false if the session was ended while connecting.</summary>
    public bool Bind(ShellSession shell)
    {
        lock (_lock)
        {
            if (_earlyEnding is not null)
            {
                return false;
            }

            _shell = shell;
            return true;
        }
    }
}

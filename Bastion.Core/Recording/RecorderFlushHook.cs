namespace Bastion.Core.Recording;

/// <summary>
/// The search index's hook on a recorder (<c>Recording/Search</c>): told after each flush that the file grew. It is
/// armed only once the session's start is committed, so a refused session never reaches the index. Raised on the
/// recorder's writer, never on the relay; the action must return at once.
/// </summary>
internal sealed class RecorderFlushHook
{
    private volatile Action? _flushed;

    public void Arm(Action flushed) => _flushed = flushed;

    public void Raise() => _flushed?.Invoke();
}

namespace Bastion.Core.Recording;

/// <summary>
/// Why a recorder stopped taking output, latched once: the first failure wins, and the session's owner hears of it
/// (<see cref="WhenFailed"/>) before <see cref="IsFailed"/> turns true and the next output is refused.
/// </summary>
internal sealed class RecorderFailureLatch
{
    private readonly Lock _lock = new();
    private RecorderFailure _failure;
    private Action<RecorderFailure>? _onFailed;
    private volatile bool _failed;

    /// <summary>True once the recorder refuses output (read on the relay's hot path, without the lock).</summary>
    public bool IsFailed => _failed;

    /// <summary>Why the recording stopped taking output, or <see cref="RecorderFailure.None"/>.</summary>
    public RecorderFailure Failure
    {
        get
        {
            lock (_lock)
            {
                return _failure;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onFailed"/> once when the writer fails (at once if it has failed already), before the next
    /// output is refused: the session's owner ends it with the true reason (a full disk) before the relay ends it as
    /// a recorder that could not keep up.
    /// </summary>
    public void WhenFailed(Action<RecorderFailure> onFailed)
    {
        RecorderFailure failure;
        lock (_lock)
        {
            failure = _failure;
            if (failure == RecorderFailure.None)
            {
                _onFailed = onFailed;
                return;
            }
        }

        onFailed(failure);
    }

    /// <summary>The first failure wins; the owner hears of it before output is refused.</summary>
    public void Fail(RecorderFailure failure)
    {
        Action<RecorderFailure>? onFailed;
        lock (_lock)
        {
            if (_failure != RecorderFailure.None)
            {
                _failed = true;
                return;
            }

            _failure = failure;
            onFailed = _onFailed;
            _onFailed = null;
        }

        onFailed?.Invoke(failure);
        _failed = true;
    }
}

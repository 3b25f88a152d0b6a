namespace Bastion.Core.Recording;

/// <summary>The recorder's failure handling: why it stopped taking output, and telling the session's owner first.</summary>
internal sealed partial class SessionRecorder
{
    private RecorderFailure _failure;
    private Action<RecorderFailure>? _onFailed;

    /// <summary>Why the recording stopped taking output, or <see cref="RecorderFailure.None"/>.</summary>
    public RecorderFailure Failure
    {
        get
        {
            lock (_roomLock)
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
        lock (_roomLock)
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
    private void Fail(RecorderFailure failure)
    {
        Action<RecorderFailure>? onFailed;
        lock (_roomLock)
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

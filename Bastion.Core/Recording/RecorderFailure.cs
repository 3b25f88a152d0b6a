namespace Bastion.Core.Recording;

/// <summary>Why a session's recording stopped taking output (none while it works).</summary>
internal enum RecorderFailure
{
    None,

    /// <summary>The writer fell behind under <see cref="RecorderLagPolicy.EndSession"/>.</summary>
    FellBehind,

    /// <summary>The disk (or quota) holding the recording or the audit store is full (ENOSPC, EDQUOT, SQLITE_FULL).</summary>
    StorageFull,

    /// <summary>Any other write error of the recording, its command log or its checkpoints.</summary>
    WriteFailed,
}

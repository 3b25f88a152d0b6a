namespace Bastion.Core.Audit.Export;

/// <summary>Why an export starts where it does.</summary>
internal enum ExportStartReason
{
    /// <summary>No cursor yet: the whole kept chain is exported.</summary>
    FirstRun,

    /// <summary>The cursor matches the chain.</summary>
    Cursor,

    /// <summary>The cursor's event was pruned by retention; the sequence still orders, so the export continues after it.</summary>
    CursorPruned,

    /// <summary>The cursor names an event that is not in this chain (its hash differs, or it is past the head): the
    /// database was restored or replaced. Everything kept is exported again (at-least-once: duplicates, not gaps).</summary>
    CursorMismatch,
}

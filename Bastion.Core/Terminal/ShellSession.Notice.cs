namespace Bastion.Core.Terminal;

internal sealed partial class ShellSession
{
    /// <summary>
    /// A server notice for everyone attached (issue 9's limit warnings): <paramref name="message"/> as it is, then
    /// <paramref name="terminalLine"/> into the controlling terminal unless its client shows notices itself
    /// (<see cref="TerminalAttachment.WritesNoticeLines"/>: Bastion's page words the warning in its status bar, issue 14). Neither passes the tap or the screen model, so
    /// neither is recorded as host output nor replayed on an attach. Sent inside the output gate, because the
    /// attachment's output buffer and flow window are the pump's; a failed send is the attachment's, as for output.
    /// </summary>
    public async Task NotifyAsync(byte[] message, string? terminalLine, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            TerminalAttachment? target;
            lock (_lock)
            {
                target = IsEnded ? null : _control;
                if (!IsEnded)
                {
                    // Watchers hear it too, through their own bounded queues (the line is the controlling terminal's).
                    foreach (var watcher in _watchers)
                    {
                        watcher.EnqueueMessage(message, SnapshotLocked);
                    }
                }
            }

            if (target is null)
            {
                return;
            }

            await target.SendRawAsync(message, cancellationToken);
            if (terminalLine is not null && target.WritesNoticeLines)
            {
                await target.SendOutputAsync(terminalLine.AsMemory(), cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

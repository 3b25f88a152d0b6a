// The file operations of one session, for auditors on the session's page: the file.* audit events of that session
// (GET /api/audit/events?session=…&type=file), each with who, what, path, size, SHA-256, duration and outcome, and,
// with Transfer:KeepCopies, a button that downloads the kept copy (GET /api/sessions/{id}/copies/{copyId}) or why
// none was kept.

import type { ApiClient } from '../../api';
import { h, replaceChildren, saveFile } from '../../dom';
import { lookup, t } from '../../strings';
import { eventTypeLabel } from '../../review/auditLabels';
import { fileCodeWords } from './fileErrors';
import { collect } from './filesApi';
import { formatBytes, formatMilliseconds } from '../../review/format';
import { codedEventText, formatDateTime, problemText } from '../../serverText';

interface FileEvent {
  readonly time: string;
  readonly type: string;
  readonly actor: string | null;
  readonly data: Record<string, string | null | undefined>;
}

export function sessionTransfers(api: ApiClient, sessionId: string, signal: AbortSignal): HTMLElement {
  const list = h('ol', { id: 'session-transfers', className: 'command-list' }, h('li', { className: 'muted' }, t('loading')));
  const path = `/api/audit/events?session=${encodeURIComponent(sessionId)}&type=file&limit=1000`;
  api.call('GET', path, undefined, signal).then((page) => {
    const events = ((page as { events?: unknown } | null)?.events ?? []) as FileEvent[];
    if (!Array.isArray(events) || events.length === 0) {
      replaceChildren(list, h('li', { className: 'muted', id: 'session-no-transfers' }, t('transfersNone')));
      return;
    }
    replaceChildren(list, ...[...events].reverse().map((event) => {
      const d = event.data;
      const outcome = d['outcome'] ?? '';
      const size = Number(d['size'] ?? '0');
      // A change says which (folder created, renamed) and a rename where to: "Folder created or file renamed" and the
      // old path alone left an auditor guessing. An outcome is worded, not shown as its code.
      const operation = d['operation'] ?? '';
      const label = event.type === 'file.changed' && operation === 'mkdir' ? t('transfersMkdir')
        : event.type === 'file.changed' && operation === 'rename' ? t('transfersRename') : eventTypeLabel(event.type);
      return h('li', { className: 'session-transfer', 'data-type': event.type, 'data-operation': operation, 'data-outcome': outcome, 'data-sha256': d['sha256'] ?? '' },
        h('span', { className: 'command-time' }, formatDateTime(event.time, true)), ' ',
        h('strong', { className: 'session-transfer-what' }, label), ' ', h('code', { className: 'session-transfer-path' }, d['to'] ? `${d['path'] ?? ''} → ${d['to']}` : d['path'] ?? ''), ' ',
        h('span', { className: 'muted session-transfer-outcome' }, [size > 0 ? formatBytes(size) : '', formatMilliseconds(Number(d['durationMs'] ?? '0')), outcome === 'ok' ? '' : outcomeText(outcome, d)]
          .filter((s) => s !== '').join(' · ')),
        d['sha256'] ? h('div', { className: 'muted small' }, `sha256 ${d['sha256']}`) : null,
        copyControl(api, sessionId, d));
    }));
  }, (reason: unknown) => {
    if (!signal.aborted) {
      replaceChildren(list, h('li', { className: 'muted' }, t('loadFailed', { error: problemText(reason) })));
    }
  });
  return h('section', { id: 'session-transfers-panel', className: 'panel session-transfers' }, h('h2', {}, t('transfersTitle')), list);
}

function copyControl(api: ApiClient, sessionId: string, d: Record<string, string | null | undefined>): HTMLElement | null {
  const copyId = d['copyId'];
  if (d['copyKept'] === 'true' && copyId) {
    const name = (d['path'] ?? copyId).split('/').pop() ?? copyId;
    const status = h('span', { className: 'muted small session-copy-status' });
    const button = h('button', { type: 'button', className: 'button ghost small session-copy', 'data-copy-id': copyId }, t('transfersCopy'));
    button.addEventListener('click', () => {
      button.disabled = true;
      api.stream(`/api/sessions/${encodeURIComponent(sessionId)}/copies/${encodeURIComponent(copyId)}`, new AbortController().signal)
        .then((response) => collect(response, (received, total) => { status.textContent = total > 0 ? `${Math.floor((100 * received) / total)} %` : formatBytes(received); }))
        .then((blob) => { saveFile(blob, name); status.textContent = ''; }, (reason: unknown) => {
          status.textContent = problemText(reason);
        })
        .finally(() => { button.disabled = false; });
    });
    return h('div', { className: 'session-copy-row' }, button, ' ', status);
  }
  if (d['copyKept'] === 'false') {
    return h('div', { className: 'muted small session-copy-none' }, t('transfersCopyNotKept', { reason: copyReasonText(d) }));
  }
  return null;
}

/** A failed transfer's outcome (a transfer code: `permission_denied`) in words, then the event's reason in words
 * (`reasonCode` with its `reason.<name>` values), else in the event's English. */
export function outcomeText(outcome: string, d: Readonly<Record<string, string | null | undefined>>): string {
  const words = fileCodeWords(outcome) ?? lookup(`problem_${outcome}`) ?? outcome;
  const reason = codedEventText(d, 'reason');
  return reason === '' ? words : `${words}: ${reason}`;
}

/** Why no copy was kept, in the user's language: the event's `copyReasonCode` (`problem_copy_too_large`...) with its
 * values (`copyReason.limit`), else the English `copyReason` (an event written before the codes). */
export function copyReasonText(d: Readonly<Record<string, string | null | undefined>>): string {
  return codedEventText(d, 'copyReason');
}

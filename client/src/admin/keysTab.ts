// Admin: host keys waiting for review (scans, imports, and hosts whose key changed).

import { copyText } from '../clipboard';
import { h, replaceChildren } from '../dom';
import { lookup, t } from '../strings';
import { button, errorMessage, table, type TabContext } from './form';
import { formatDateTime } from '../serverText';

interface PendingKey {
  readonly hostId: string;
  readonly hostName: string;
  readonly address: string;
  readonly port: number;
  readonly fingerprint: string;
  readonly keyType: string | null;
  readonly source: string;
  readonly seenAt: string;
  readonly pinnedFingerprint: string | null;
}

export function keysTab(container: HTMLElement, context: TabContext): void {
  const { table: keyTable, body } = table([t('colName'), t('colPinned'), t('colOffered'), t('colSource'), t('colSeen'), ''], 'pending-keys-table');
  // Fixed layout: the fingerprints take what the window leaves and are cut with an ellipsis (whole in the title and
  // the copy button), so Approve and Dismiss stay in view (issue 14: the table was wider than a 1400 px window).
  keyTable.classList.add('pending-keys');
  const empty = h('p', { id: 'pending-keys-empty', className: 'empty', hidden: true }, t('noPendingKeys'));
  container.append(h('section', { className: 'panel' }, keyTable, empty));

  const load = (): void => {
    context.api.call('GET', '/api/host-keys/pending', undefined, context.signal).then(
      (result) => {
        const keys = (Array.isArray(result) ? result : []) as PendingKey[];
        replaceChildren(body, ...keys.map(row));
        empty.hidden = keys.length > 0;
        context.pendingKeys?.(keys.length);
        keyTable.hidden = keys.length === 0;
      },
      (reason: unknown) => context.notify(errorMessage(reason), true),
    );
  };

  function row(key: PendingKey): HTMLTableRowElement {
    // Each outcome is said above the tabs (the row only disappeared, and an approval looked like nothing happened).
    const act = (method: string, path: string, done: string, body?: unknown) => () => {
      context.api.call(method, path, body, context.signal).then(
        () => {
          context.notify(done);
          load();
        },
        (reason: unknown) => context.notify(errorMessage(reason), true),
      );
    };
    return h(
      'tr',
      { className: 'pending-key-row', 'data-host-id': key.hostId, 'data-host-name': key.hostName },
      h('td', {}, key.hostName, h('div', { className: 'muted small' }, `${key.address}:${key.port}`)),
      h('td', { className: 'key-cell' }, key.pinnedFingerprint ? fingerprint(key.pinnedFingerprint) : h('span', { className: 'badge warn' }, t('notPinned'))),
      h(
        'td',
        { className: 'key-cell' },
        fingerprint(key.fingerprint),
        h('div', { className: 'muted small' }, key.keyType ?? '', ' ', key.pinnedFingerprint ? h('span', { className: 'badge warn' }, t('rekeyed')) : null),
      ),
      h('td', { className: 'key-source', 'data-source': key.source }, lookup(`keySource_${key.source}`) ?? key.source),
      h('td', {}, formatDateTime(key.seenAt)),
      h(
        'td',
        { className: 'actions' },
        button(t('approveKey'), 'primary key-approve', act('POST', `/api/hosts/${key.hostId}/host-key/approve`, t('keyApprovedPinned', { name: key.hostName, fingerprint: key.fingerprint }), { fingerprint: key.fingerprint })),
        button(t('dismiss'), 'ghost key-dismiss', act('DELETE', `/api/host-keys/pending/${key.hostId}`, t(key.pinnedFingerprint ? 'keyDismissedPinned' : 'keyDismissedUnpinned', { name: key.hostName }))),
      ),
    );
  }

  load();
}

/** A fingerprint cut to its cell, whole in its title, with a button that copies it. */
function fingerprint(text: string): HTMLElement {
  const copy = h('button', { type: 'button', className: 'button small ghost copy-fingerprint', title: t('copyFingerprint'), 'aria-label': t('copyFingerprint') }, t('copyShort'));
  copy.addEventListener('click', () => {
    copyText(text);
    copy.textContent = t('copied');
    copy.title = t('copied');
  });
  return h('div', { className: 'fingerprint-line' }, h('code', { className: 'fingerprint', title: text }, text), copy);
}

// The account page's list of the user's live sign-ins (device, address, last used) with "sign out" for each; this
// browser's own is marked, and signing it out is the ordinary log-out.

import { UnauthorizedError } from '../../apiErrors';
import { h, replaceChildren } from '../../dom';
import { t } from '../../strings';
import type { AppContext } from '../page';
import { formatDateTime, problemText } from '../../serverText';

export interface LoginRow {
  readonly id: string;
  readonly userAgent: string;
  readonly clientAddress: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly current: boolean;
}

/** The rows of `GET /api/account/logins`; anything malformed is left out. */
export function parseLogins(body: unknown): LoginRow[] {
  if (!Array.isArray(body)) {
    return [];
  }
  return body.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) {
      return [];
    }
    const value = item as Record<string, unknown>;
    const text = (key: string): string => (typeof value[key] === 'string' ? value[key] : '');
    return text('id') === '' ? [] : [{
      id: text('id'),
      userAgent: text('userAgent'),
      clientAddress: text('clientAddress'),
      createdAt: text('createdAt'),
      lastSeenAt: text('lastSeenAt'),
      current: value['current'] === true,
    }];
  });
}

/** A short name for a User-Agent: the browser and the system, or the raw text cut short. */
export function deviceName(userAgent: string): string {
  const browser = /(Edg|Firefox|Chrome|Chromium|Safari|curl|python-requests)\/[\d.]+/.exec(userAgent)?.[1];
  const system = /(Windows|Mac OS X|Android|iPhone|Linux)/.exec(userAgent)?.[1];
  if (browser !== undefined) {
    return system !== undefined ? `${browser} · ${system}` : browser;
  }
  return userAgent.length > 60 ? `${userAgent.slice(0, 60)}…` : userAgent || '?';
}

export function mountLoginsSection(parent: HTMLElement, context: AppContext): () => void {
  const abort = new AbortController();
  const status = h('p', { id: 'account-logins-status', className: 'panel-message', role: 'status' }, t('loading'));
  const body = h('tbody');
  const table = h('table', { id: 'account-logins', className: 'data-table', hidden: true },
    h('thead', {}, h('tr', {}, ...[t('colDevice'), t('colAddress'), t('colSignedIn'), t('colLastUsed'), ''].map((label) => h('th', { scope: 'col' }, label)))),
    body);

  const end = (row: LoginRow): void => {
    if (row.current) {
      context.logout();
      return;
    }
    if (!window.confirm(t('endLoginConfirm'))) {
      return;
    }
    context.api.call('DELETE', `/api/account/logins/${encodeURIComponent(row.id)}`).then(load, failed);
  };

  const rowOf = (row: LoginRow): HTMLTableRowElement => {
    const button = h('button', { type: 'button', className: 'button ghost login-end' }, t('endLogin'));
    button.addEventListener('click', () => {
      end(row);
    });
    return h('tr', { className: 'login-row', 'data-login-id': row.id, 'data-current': String(row.current) },
      h('td', {}, deviceName(row.userAgent), row.current && h('span', { className: 'badge' }, ` ${t('thisDevice')}`)),
      h('td', {}, row.clientAddress),
      h('td', {}, formatTime(row.createdAt)),
      h('td', {}, formatTime(row.lastSeenAt)),
      h('td', {}, button));
  };

  function failed(reason: unknown): void {
    if (abort.signal.aborted || reason instanceof UnauthorizedError) {
      return;
    }
    status.hidden = false;
    status.textContent = t('loadFailed', { error: problemText(reason) });
  }

  function load(): void {
    context.api.call('GET', '/api/account/logins', undefined, abort.signal).then((result) => {
      const rows = parseLogins(result);
      replaceChildren(body, ...rows.map(rowOf));
      table.hidden = rows.length === 0;
      status.hidden = rows.length > 0;
      status.textContent = rows.length > 0 ? '' : t('noLogins');
    }, failed);
  }

  parent.append(h('section', { id: 'account-logins-section', className: 'panel' }, h('h2', {}, t('loginsTitle')), status, table));
  load();
  return () => {
    abort.abort();
  };
}

export function formatTime(iso: string): string {
  return Number.isNaN(new Date(iso).getTime()) ? '' : formatDateTime(iso);
}

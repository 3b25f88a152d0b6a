// Admin users tab: the accounts locked now (issue 11 lockout), each with an unlock button.

import { h, replaceChildren } from '../dom';
import { t } from '../strings';
import { button, errorMessage, type TabContext } from './form';
import { formatDateTime } from '../serverText';

interface LockoutRow {
  readonly username: string;
  readonly lockedUntil: string;
}

export function mountLockoutsPanel(container: HTMLElement, context: TabContext): void {
  const list = h('ul', { id: 'lockouts-list' });
  container.append(h('section', { id: 'lockouts', className: 'panel' }, h('h2', { className: 'panel-title' }, t('lockoutsTitle')), list));

  const load = (): void => {
    context.api.call('GET', '/api/lockouts', undefined, context.signal).then((result) => {
      const rows = (Array.isArray(result) ? result : []) as LockoutRow[];
      replaceChildren(list, ...(rows.length === 0
        ? [h('li', { className: 'muted' }, t('lockoutsNone'))]
        : rows.map((row) => h('li', { className: 'lockout-row', 'data-username': row.username },
          `${row.username} (${t('lockoutUntil', { time: formatDateTime(row.lockedUntil) })}) `,
          button(t('lockoutClear'), 'ghost lockout-clear', () => {
            context.api.call('DELETE', `/api/lockouts/${encodeURIComponent(row.username)}`, undefined, context.signal)
              .then(load, (reason: unknown) => context.notify(errorMessage(reason), true));
          })))));
    }, (reason: unknown) => context.notify(errorMessage(reason), true));
  };
  load();
}

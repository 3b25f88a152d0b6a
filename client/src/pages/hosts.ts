import { ApiError, UnauthorizedError } from '../apiErrors';
import type { Host } from '../host';
import { h, replaceChildren } from '../dom';
import { routeHash } from '../router';
import { t } from '../strings';
import { rolesFromToken } from '../token';
import type { Page } from './page';
import { topBar } from './topbar';

export const hostsPage: Page = (root, context) => {
  const abort = new AbortController();
  document.title = `${t('hostsTitle')} · ${t('appName')}`;

  const filter = h('input', {
    id: 'hosts-filter',
    type: 'search',
    placeholder: t('hostsFilter'),
    'aria-label': t('hostsFilter'),
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const count = h('span', { id: 'hosts-count', className: 'muted' });
  const body = h('tbody');
  const table = h(
    'table',
    { id: 'hosts-table', className: 'data-table', hidden: true },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('colName')),
        h('th', { scope: 'col' }, t('colTarget')),
        h('th', { scope: 'col' }, t('colHostKey')),
        h('th', { scope: 'col', className: 'actions' }, h('span', { className: 'visually-hidden' }, t('openTerminal'))),
      ),
    ),
    body,
  );
  const status = h('div', { id: 'hosts-status', className: 'panel-message', role: 'status' }, t('hostsLoading'));

  let hosts: Host[] = [];

  const render = (): void => {
    const query = filter.value.trim().toLowerCase();
    const shown = query === '' ? hosts : hosts.filter((host) => matches(host, query));
    count.textContent = t('hostsCount', { count: hosts.length });
    replaceChildren(body, ...shown.map(hostRow));
    table.hidden = shown.length === 0;
    if (hosts.length === 0) {
      // An admin can fix an empty list themselves: point to Admin → Hosts instead of "ask an administrator".
      const isAdmin = rolesFromToken(context.sessions.get()?.token ?? '').includes('admin');
      showStatus(
        isAdmin
          ? h('p', { id: 'hosts-empty', className: 'empty' }, t('hostsEmptyAdmin'), ' ', h('a', { id: 'hosts-empty-admin', href: '#/admin/hosts' }, t('hostsEmptyAdminLink')))
          : h('p', { id: 'hosts-empty', className: 'empty' }, t('hostsEmpty')),
      );
    } else if (shown.length === 0) {
      showStatus(h('p', { id: 'hosts-empty', className: 'empty' }, t('hostsNoMatch')));
    } else {
      status.hidden = true;
    }
  };

  const showStatus = (...children: (Node | string)[]): void => {
    replaceChildren(status, ...children);
    status.hidden = false;
  };

  const load = (): void => {
    showStatus(t('hostsLoading'));
    context.api.hosts(abort.signal).then(
      (result) => {
        hosts = [...result].sort((a, b) => a.name.localeCompare(b.name));
        render();
      },
      (reason: unknown) => {
        if (abort.signal.aborted || reason instanceof UnauthorizedError) {
          return;
        }
        const retry = h('button', { type: 'button', id: 'hosts-retry', className: 'button' }, t('retry'));
        retry.addEventListener('click', load);
        const message = reason instanceof ApiError ? reason.message : String(reason);
        showStatus(h('p', { className: 'form-error' }, t('hostsLoadFailed', { error: message })), retry);
      },
    );
  };

  filter.addEventListener('input', render);

  root.append(
    topBar(context),
    h(
      'main',
      { className: 'page' },
      h('div', { className: 'page-head' }, h('h1', {}, t('hostsTitle')), count, h('span', { className: 'spacer' }), filter),
      h('section', { className: 'panel' }, table, status),
    ),
  );
  load();
  return () => abort.abort();
};

function hostRow(host: Host): HTMLTableRowElement {
  const fingerprint = host.hostKeyFingerprint
    ? h('code', { className: 'fingerprint', title: host.hostKeyFingerprint }, host.hostKeyFingerprint)
    : h('span', { className: 'badge warn' }, t('notPinned'));
  return h(
    'tr',
    { className: 'host-row', 'data-host-id': host.id, 'data-host-name': host.name },
    h('td', { className: 'host-name' }, host.name),
    h('td', { className: 'host-target' }, h('code', {}, target(host))),
    h('td', { className: 'host-key' }, fingerprint),
    h(
      'td',
      { className: 'actions' },
      h('a', { className: 'button primary small host-open', href: routeHash({ page: 'terminal', hostId: host.id }) }, t('openTerminal')),
    ),
  );
}

/** `user@address:port`, with brackets around an IPv6 literal. */
export function target(host: Pick<Host, 'username' | 'address' | 'port'>): string {
  const address = host.address.includes(':') ? `[${host.address}]` : host.address;
  return `${host.username === '' ? '' : `${host.username}@`}${address}:${host.port}`;
}

function matches(host: Host, query: string): boolean {
  return [host.name, host.address, host.username].some((field) => field.toLowerCase().includes(query));
}

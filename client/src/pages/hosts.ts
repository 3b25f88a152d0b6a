import { UnauthorizedError } from '../apiErrors';
import type { Host } from '../host';
import { h, replaceChildren } from '../dom';
import { routeHash } from '../router';
import { t } from '../strings';
import { maxListedHosts, showListedOf } from '../listLimit';
import { rolesFromToken } from '../token';
import { hostMatches, loadShortcuts, noShortcuts, sectionHosts, setFavourite, type HostSection, type Shortcuts } from '../workspace/shortcuts';
import type { Page } from './page';
import { topBar } from './topbar';
import { formatNumber, problemText } from '../serverText';

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
  const body = h('tbody', { id: 'hosts-body' });
  const table = h(
    'table',
    { id: 'hosts-table', className: 'data-table', hidden: true },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col', className: 'star-col' }, h('span', { className: 'visually-hidden' }, t('sectionFavourites'))),
        h('th', { scope: 'col' }, t('colName')),
        h('th', { scope: 'col' }, t('colTarget')),
        h('th', { scope: 'col' }, t('colHostKey')),
        h('th', { scope: 'col', className: 'actions' }, h('span', { className: 'visually-hidden' }, t('openTerminal'))),
      ),
    ),
    body,
  );
  const status = h('div', { id: 'hosts-status', className: 'panel-message', role: 'status' }, t('hostsLoading'));
  const more = h('p', { id: 'hosts-more', className: 'panel-message muted', hidden: true });

  let hosts: Host[] = [];
  let shortcuts: Shortcuts = noShortcuts;

  // Favourites first, then recent hosts, then the rest (issue 14); each host once, so a row stays unique.
  const render = (): void => {
    const query = filter.value.trim().toLowerCase();
    const shown = hosts.filter((host) => hostMatches(host, query));
    const favourites = new Set(shortcuts.favourites);
    count.textContent = t('hostsCount', { count: formatNumber(hosts.length) });
    // At most maxListedHosts rows: an inventory of 100,000 hosts rendered whole froze the page (and a spread of that
    // many rows overflowed the call stack, leaving the list empty). The filter reaches the others.
    const rows: HTMLTableRowElement[] = [];
    let listed = 0;
    for (const group of sectionHosts(shown, shortcuts)) {
      if (listed >= maxListedHosts) {
        break;
      }
      rows.push(sectionRow(group.section));
      for (const host of group.hosts.slice(0, maxListedHosts - listed)) {
        rows.push(hostRow(host, favourites.has(host.id), toggleFavourite));
        listed++;
      }
    }
    body.replaceChildren(...rows);
    showListedOf(more, listed, shown.length);
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

  const toggleFavourite = (host: Host, favourite: boolean): void => {
    const before = shortcuts;
    shortcuts = {
      favourites: favourite ? [host.id, ...before.favourites.filter((id) => id !== host.id)] : before.favourites.filter((id) => id !== host.id),
      recent: before.recent,
    };
    render();
    focusRow(host.id);
    setFavourite(context.api, host.id, favourite).catch((reason: unknown) => {
      if (abort.signal.aborted || reason instanceof UnauthorizedError) {
        return;
      }
      shortcuts = before;
      render();
      showStatus(h('p', { className: 'form-error' }, t('favouriteFailed', { error: problemText(reason) })));
    });
  };

  const focusRow = (hostId: string): void => {
    body.querySelector<HTMLElement>(`.host-row[data-host-id="${CSS.escape(hostId)}"] .host-star`)?.focus();
  };

  const load = (): void => {
    showStatus(t('hostsLoading'));
    Promise.all([context.api.hosts(abort.signal), loadShortcuts(context.api, abort.signal)]).then(
      ([result, loaded]) => {
        hosts = [...result].sort((a, b) => a.name.localeCompare(b.name));
        shortcuts = loaded;
        render();
      },
      (reason: unknown) => {
        if (abort.signal.aborted || reason instanceof UnauthorizedError) {
          return;
        }
        const retry = h('button', { type: 'button', id: 'hosts-retry', className: 'button' }, t('retry'));
        retry.addEventListener('click', load);
        const message = problemText(reason);
        showStatus(h('p', { className: 'form-error' }, t('hostsLoadFailed', { error: message })), retry);
      },
    );
  };

  filter.addEventListener('input', render);
  // Keyboard: ↓ from the filter enters the list; ↑/↓ move between rows (keeping the column: star or open), Home/End
  // jump; Enter on a row's link opens its terminal as a click would.
  filter.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const first = body.querySelector<HTMLElement>('.host-row .host-open');
      if (first !== null) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  body.addEventListener('keydown', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) {
      return;
    }
    const selector = target.classList.contains('host-star') ? '.host-star' : '.host-open';
    const controls = [...body.querySelectorAll<HTMLElement>(`.host-row ${selector}`)];
    const index = controls.indexOf(target);
    if (index < 0) {
      return;
    }
    event.preventDefault();
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? controls.length - 1 : index + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) {
      filter.focus();
      return;
    }
    controls[Math.min(next, controls.length - 1)]?.focus();
  });

  root.append(
    topBar(context),
    h(
      'main',
      { className: 'page' },
      h('div', { className: 'page-head' }, h('h1', {}, t('hostsTitle')), count, h('span', { className: 'spacer' }), filter),
      h('p', { id: 'hosts-hint', className: 'muted small' }, t('hostsKeyboardHint')),
      h('section', { className: 'panel' }, table, more, status),
    ),
  );
  load();
  return () => abort.abort();
};

const sectionLabels = { favourites: 'sectionFavourites', recent: 'sectionRecent', all: 'sectionAllHosts' } as const;

function sectionRow(section: HostSection): HTMLTableRowElement {
  return h('tr', { className: 'host-section', 'data-section': section }, h('th', { scope: 'colgroup', colSpan: 5 }, t(sectionLabels[section])));
}

function hostRow(host: Host, favourite: boolean, toggle: (host: Host, favourite: boolean) => void): HTMLTableRowElement {
  const star = h(
    'button',
    {
      type: 'button',
      className: 'host-star',
      'aria-pressed': String(favourite),
      'aria-label': favourite ? t('favouriteRemove', { name: host.name }) : t('favouriteAdd', { name: host.name }),
      title: favourite ? t('favouriteRemove', { name: host.name }) : t('favouriteAdd', { name: host.name }),
    },
    favourite ? '★' : '☆',
  );
  star.addEventListener('click', () => toggle(host, !favourite));
  const fingerprint = host.hostKeyFingerprint
    ? h('code', { className: 'fingerprint', title: host.hostKeyFingerprint }, host.hostKeyFingerprint)
    : h('span', { className: 'badge warn' }, t('notPinned'));
  return h(
    'tr',
    { className: 'host-row', 'data-host-id': host.id, 'data-host-name': host.name, 'data-favourite': String(favourite) },
    h('td', { className: 'host-star-cell' }, star),
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

import { UnauthorizedError } from '../apiErrors';
import type { Host } from '../host';
import { h, replaceChildren } from '../dom';
import { routeHash } from '../router';
import { t } from '../strings';
import { HostPager, showListedOf, showMoreButton } from '../listLimit';
import { rolesFromToken } from '../token';
import { loadShortcuts, noShortcuts, sectionHosts, setFavourite, withFavourite, type HostSection, type Shortcuts } from '../workspace/shortcuts';
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

  let shortcuts: Shortcuts = noShortcuts;
  let shortcutsLoaded = false;

  // Favourites first, then recent hosts, then the server's page of the rest (issue 14); each host once, so a row
  // stays unique. The server filters and counts; only the favourites and recent hosts are matched here.
  const render = (): void => {
    const { hosts, total, more: hasMore, loading } = pager.state;
    if (loading || !shortcutsLoaded) {
      return;
    }
    const query = filter.value.trim().toLowerCase();
    const groups = sectionHosts(hosts, shortcuts, query);
    const favourites = new Set(shortcuts.favourites);
    if (query === '') {
      count.textContent = t('hostsCount', { count: formatNumber(total) });
    }
    const rows: HTMLTableRowElement[] = [];
    for (const group of groups) {
      rows.push(sectionRow(group.section));
      for (const host of group.hosts) {
        rows.push(hostRow(host, favourites.has(host.id), toggleFavourite));
      }
    }
    body.replaceChildren(...rows);
    showListedOf(more, hosts.length, total);
    showMore.hidden = !hasMore;
    const shown = groups.reduce((sum, group) => sum + group.hosts.length, 0);
    table.hidden = shown === 0;
    if (total === 0 && query === '') {
      // An admin can fix an empty list themselves: point to Admin → Hosts instead of "ask an administrator".
      const isAdmin = rolesFromToken(context.sessions.get()?.token ?? '').includes('admin');
      showStatus(
        isAdmin
          ? h('p', { id: 'hosts-empty', className: 'empty' }, t('hostsEmptyAdmin'), ' ', h('a', { id: 'hosts-empty-admin', href: '#/admin/hosts' }, t('hostsEmptyAdminLink')))
          : h('p', { id: 'hosts-empty', className: 'empty' }, t('hostsEmpty')),
      );
    } else if (shown === 0) {
      showStatus(h('p', { id: 'hosts-empty', className: 'empty' }, t('hostsNoMatch')));
    } else {
      status.hidden = true;
    }
  };

  const failed = (reason: unknown): void => {
    if (abort.signal.aborted || reason instanceof UnauthorizedError) {
      return;
    }
    const retry = h('button', { type: 'button', id: 'hosts-retry', className: 'button' }, t('retry'));
    retry.addEventListener('click', load);
    showStatus(h('p', { className: 'form-error' }, t('hostsLoadFailed', { error: problemText(reason) })), retry);
  };

  const pager = new HostPager(context.api, () => ({ q: filter.value }), render, failed);
  const showMore = showMoreButton('hosts-show-more', pager);

  const showStatus = (...children: (Node | string)[]): void => {
    replaceChildren(status, ...children);
    status.hidden = false;
  };

  const toggleFavourite = (host: Host, favourite: boolean): void => {
    const before = shortcuts;
    shortcuts = withFavourite(before, host, favourite);
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
    pager.search();
    loadShortcuts(context.api, abort.signal).then((loaded) => {
      shortcuts = loaded;
      shortcutsLoaded = true;
      render();
    }, failed);
  };

  filter.addEventListener('input', () => pager.searchSoon());
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
      h('section', { className: 'panel' }, table, more, showMore, status),
    ),
  );
  load();
  return () => {
    abort.abort();
    pager.stop();
  };
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
    // Titled: a narrow window cuts them short with an ellipsis (styles.css), the title shows them whole.
    h('td', { className: 'host-name', title: host.name }, host.name),
    h('td', { className: 'host-target', title: target(host) }, h('code', {}, target(host))),
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

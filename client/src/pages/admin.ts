// The admin page: one tab per area (hosts, pending keys, credentials, users, grants). The server enforces the admin
// role on every call; this page is only linked for admins.

import '../admin/admin.css';
import { hostKeysChangedEvent } from '../admin/connectionTest';
import { credentialsTab } from '../admin/credentialsTab';
import type { TabContext } from '../admin/form';
import { grantsTab } from '../admin/grantsTab';
import { hostsTab } from '../admin/hostsTab';
import { keysTab } from '../admin/keysTab';
import { usersTab } from '../admin/usersTab';
import { h, replaceChildren } from '../dom';
import { adminTabs, routeHash, type AdminTab } from '../router';
import { t, type StringKey } from '../strings';
import type { Page } from './page';
import { topBar } from './topbar';

const tabLabels = {
  hosts: 'tabHosts',
  keys: 'tabKeys',
  credentials: 'tabCredentials',
  users: 'tabUsers',
  grants: 'tabGrants',
} as const satisfies Record<AdminTab, StringKey>;

const tabs: Record<AdminTab, (container: HTMLElement, context: TabContext) => void> = {
  hosts: hostsTab,
  keys: keysTab,
  credentials: credentialsTab,
  users: usersTab,
  grants: grantsTab,
};

export function adminPage(tab: AdminTab): Page {
  return (root, context) => {
    const abort = new AbortController();
    document.title = `${t('adminTitle')} · ${t('appName')}`;
    const status = h('p', { id: 'admin-status', className: 'muted', role: 'status', hidden: true });
    const content = h('div', { id: `admin-${tab}`, className: 'admin-content' });
    const nav = h(
      'nav',
      { className: 'tabs', 'aria-label': t('adminTitle') },
      ...adminTabs.map((name) =>
        h('a', { id: `tab-${name}`, href: routeHash({ page: 'admin', tab: name }), className: name === tab ? 'tab active' : 'tab', 'aria-current': name === tab ? 'page' : undefined }, t(tabLabels[name])),
      ),
    );
    // The Pending keys tab carries the number of keys waiting (issue 14), kept current by the keys tab itself.
    const keysCount = h('span', { id: 'tab-keys-count', className: 'tab-count', hidden: true });
    const showKeysCount = (count: number): void => {
      keysCount.textContent = String(count);
      keysCount.hidden = count === 0;
      keysCount.setAttribute('aria-label', t('tabKeysCount', { count }));
    };
    nav.querySelector('#tab-keys')?.append(' ', keysCount);
    const refreshKeysCount = (): void => {
      context.api.call('GET', '/api/host-keys/pending', undefined, abort.signal).then(
        (keys) => showKeysCount(Array.isArray(keys) ? keys.length : 0),
        () => undefined, // the count is a hint; the tab itself reports errors
      );
    };
    if (tab !== 'keys') {
      refreshKeysCount();
    }
    // A connection test that met an unpinned or changed key recorded it for review: the count follows at once
    // (it stayed as it was until the page was loaded again).
    document.addEventListener(hostKeysChangedEvent, refreshKeysCount, { signal: abort.signal });
    root.append(topBar(context), h('main', { className: 'page' }, h('div', { className: 'page-head' }, h('h1', {}, t('adminTitle'))), nav, status, content));

    const tabContext: TabContext = {
      api: context.api,
      signal: abort.signal,
      notify: (message, isError = false) => {
        replaceChildren(status, message);
        status.className = isError ? 'form-error' : 'muted';
        status.hidden = false;
      },
      pendingKeys: showKeysCount,
    };
    tabs[tab](content, tabContext);
    return () => abort.abort();
  };
}

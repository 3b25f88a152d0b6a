// The admin page: one tab per area (hosts, pending keys, credentials, users, grants). The server enforces the admin
// role on every call; this page is only linked for admins.

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
    root.append(topBar(context), h('main', { className: 'page' }, h('div', { className: 'page-head' }, h('h1', {}, t('adminTitle'))), nav, status, content));

    const tabContext: TabContext = {
      api: context.api,
      signal: abort.signal,
      notify: (message, isError = false) => {
        replaceChildren(status, message);
        status.className = isError ? 'form-error' : 'muted';
        status.hidden = false;
      },
    };
    tabs[tab](content, tabContext);
    return () => abort.abort();
  };
}

import { h } from '../dom';
import { reportLogout, rolesOf } from '../review/reviewApi';
import { rt } from '../review/strings';
import { t } from '../strings';
import type { AppContext } from './page';

/** The bar on top of signed-in pages: product name, user name, log out. */
export function topBar(context: AppContext): HTMLElement {
  const logout = h('button', { type: 'button', id: 'logout', className: 'button ghost' }, t('logout'));
  logout.addEventListener('click', () => {
    reportLogout(context.sessions.get()?.token);
    context.api.logout();
    context.navigate({ page: 'login' });
  });
  return h(
    'header',
    { className: 'topbar' },
    h('a', { className: 'brand', href: '#/hosts' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }), t('appName')),
    h('nav', { className: 'topnav' },
      h('a', { id: 'nav-sessions', href: '#/sessions' }, rt('navSessions')),
      rolesOf(context.sessions.get()?.token ?? '').some((r) => r === 'auditor' || r === 'admin') &&
        h('a', { id: 'nav-audit', href: '#/audit' }, rt('navAudit'))),
    h('span', { className: 'spacer' }),
    h('span', { id: 'topbar-user', className: 'user' }, context.sessions.get()?.username ?? ''),
    logout,
  );
}

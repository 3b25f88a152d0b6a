import { h } from '../dom';
import { getLanguage, isLanguage, languages, t } from '../strings';
import { rolesFromToken } from '../token';
import type { AppContext } from './page';

/** The bar on top of signed-in pages: product name, navigation (admin only for admins), language, user, log out. */
export function topBar(context: AppContext): HTMLElement {
  const logout = h('button', { type: 'button', id: 'logout', className: 'button ghost' }, t('logout'));
  logout.addEventListener('click', () => context.logout());
  const session = context.sessions.get();
  const roles = rolesFromToken(session?.token ?? '');
  return h(
    'header',
    { className: 'topbar' },
    h('a', { className: 'brand', href: '#/hosts' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }), t('appName')),
    h('nav', { className: 'topnav' },
      h('a', { id: 'nav-hosts', href: '#/hosts' }, t('navHosts')),
      h('a', { id: 'nav-terminals', href: '#/terminal' }, t('navTerminals')),
      h('a', { id: 'nav-sessions', href: '#/sessions' }, t('navSessions')),
      roles.some((r) => r === 'auditor' || r === 'admin') &&
        h('a', { id: 'nav-audit', href: '#/audit' }, t('navAudit')),
      roles.includes('admin') && h('a', { id: 'nav-admin', href: '#/admin/hosts' }, t('navAdmin'))),
    h('span', { className: 'spacer' }),
    languageSwitch(context),
    h('a', { id: 'nav-account', href: '#/account' }, t('accountTitle')),
    h('span', { id: 'topbar-user', className: 'user' }, session?.username ?? ''),
    logout,
  );
}

/** A select of the UI languages; changing it re-renders the page in the new language. */
export function languageSwitch(context: Pick<AppContext, 'switchLanguage'>): HTMLSelectElement {
  const select = h('select', { id: 'language-switch', 'aria-label': t('language'), className: 'language' });
  const names: Record<string, string> = { en: 'English', 'zh-CN': '简体中文' };
  for (const language of Object.keys(languages)) {
    select.append(h('option', { value: language, selected: language === getLanguage() }, names[language] ?? language));
  }
  select.addEventListener('change', () => {
    if (isLanguage(select.value)) {
      context.switchLanguage(select.value);
    }
  });
  return select;
}

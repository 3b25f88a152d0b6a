// Entry point: language, session, API client and the hash router that mounts one page at a time.

import '@xterm/xterm/css/xterm.css';
import './styles.css';
import { ApiClient } from './api';
import { adminPage } from './pages/admin';
import { auditPage } from './pages/audit';
import { playerPage } from './pages/player';
import { sessionsPage } from './pages/sessions';
import { hostsPage } from './pages/hosts';
import { loginPage } from './pages/login';
import type { AppContext, Page } from './pages/page';
import { terminalPage } from './pages/terminal';
import { watchPage } from './pages/watch';
import { parseRoute, routeHash, type Route } from './router';
import { StorageSessionStore } from './session';
import { SignInFlow } from './signIn';
import { getLanguage, isLanguage, setLanguage } from './strings';

const languageKey = 'bastion.lang';

function start(root: HTMLElement): void {
  const saved = safeRead(() => localStorage.getItem(languageKey));
  if (isLanguage(saved)) {
    setLanguage(saved);
  }
  document.documentElement.lang = getLanguage();

  const sessions = new StorageSessionStore(sessionStorage);
  let unmount: (() => void) | null = null;

  const navigate = (route: Route): void => {
    const hash = routeHash(route);
    if (window.location.hash === hash) {
      render();
    } else {
      window.location.hash = hash;
    }
  };

  const signIn = new SignInFlow(() => parseRoute(window.location.hash), navigate);
  const api = new ApiClient({
    sessions,
    onUnauthorized: () => {
      signIn.sessionEnded();
    },
  });

  const context: AppContext = {
    api,
    sessions,
    navigate,
    afterLogin: () => {
      signIn.afterLogin();
    },
    takeLoginNotice: () => signIn.takeNotice(),
    switchLanguage: (language) => {
      setLanguage(language);
      document.documentElement.lang = language;
      safeRead(() => {
        localStorage.setItem(languageKey, language);
        return null;
      });
      render();
    },
  };

  function render(): void {
    const route = parseRoute(window.location.hash);
    const signedIn = sessions.get() !== null;
    if (route === null || (route.page !== 'login' && !signedIn)) {
      if (route !== null) {
        signIn.remember(route);
      }
      window.location.replace(routeHash({ page: signedIn ? 'hosts' : 'login' }));
      return;
    }
    unmount?.();
    unmount = null;
    root.replaceChildren();
    root.dataset['page'] = route.page;
    unmount = pageFor(route)(root, context);
  }

  window.addEventListener('hashchange', render);
  render();
}

function pageFor(route: Route): Page {
  switch (route.page) {
    case 'login':
      return loginPage;
    case 'hosts':
      return hostsPage;
    case 'terminal':
      return terminalPage(route.hostId);
    case 'admin':
      return adminPage(route.tab);
    case 'audit':
      return auditPage;
    case 'sessions':
      return sessionsPage;
    case 'session':
      return playerPage(route.sessionId);
    case 'watch':
      return watchPage(route.sessionId);
  }
}

function safeRead(read: () => string | null): string | null {
  try {
    return read();
  } catch {
    return null;
  }
}

const root = document.getElementById('root');
if (root) {
  start(root);
}

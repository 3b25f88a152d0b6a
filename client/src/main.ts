// Entry point: language, session, API client, the terminal workspace (mounted once, for the life of the page) and the
// hash router that mounts one other page at a time over it.

import '@xterm/xterm/css/xterm.css';
import './styles.css';
import { ActivityTracker } from './activity';
import { ApiClient } from './api';
import { keepSignedIn } from './keeper';
import { accountPage } from './pages/account';
import { adminPage } from './pages/admin';
import { auditPage } from './pages/audit';
import { playerPage } from './pages/player';
import { sessionsPage } from './pages/sessions';
import { hostsPage } from './pages/hosts';
import { loginPage } from './pages/login';
import type { AppContext, Page } from './pages/page';
import { watchPage } from './pages/watch';
import { parseRoute, routeHash, type Route } from './router';
import { StorageSessionStore } from './session';
import { promptStepUp } from './stepUp';
import { SignInFlow } from './signIn';
import { getLanguage, isLanguage, setLanguage, type Language } from './strings';
import { TabStore } from './tabStore';
import { rolesFromToken } from './token';
import { QuickConnect } from './workspace/quickConnect';
import { Workspace } from './workspace/workspace';

const languageKey = 'bastion.lang';

function start(root: HTMLElement): void {
  const saved = safeRead(() => localStorage.getItem(languageKey));
  if (isLanguage(saved)) {
    setLanguage(saved);
  }
  document.documentElement.lang = getLanguage();

  const sessions = new StorageSessionStore(sessionStorage);
  let unmount: (() => void) | null = null;
  let current: PlaceRoute | null = null;
  const pageRoot = document.createElement('div');
  pageRoot.className = 'page-root';

  const navigate = (route: Route): void => {
    const hash = routeHash(route);
    if (window.location.hash === hash) {
      render();
    } else {
      window.location.hash = hash;
    }
  };

  const signIn = new SignInFlow(() => parseRoute(window.location.hash), navigate);
  const activity = new ActivityTracker(window);
  const locks = (navigator as Partial<Navigator>).locks;
  const api: ApiClient = new ApiClient({
    sessions,
    onUnauthorized: () => {
      signIn.sessionEnded();
    },
    isActive: () => activity.take(),
    ...(locks ? { withLock: <T>(name: string, task: () => Promise<T>): Promise<T> => locks.request(name, task) as Promise<T> } : {}),
    stepUp: (): Promise<boolean> => promptStepUp(api),
  });
  // Logging out in one tab signs every tab of the browser out at once (the server has ended the login already).
  const authChannel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('bastion.auth') : null;
  const signedOutElsewhere = (): void => {
    sessions.clear();
    workspace.reset();
    signIn.sessionEnded();
  };
  authChannel?.addEventListener('message', (event: MessageEvent) => {
    if (event.data === 'logout') {
      signedOutElsewhere();
    }
  });

  const switchLanguage = (language: Language): void => {
    setLanguage(language);
    document.documentElement.lang = language;
    safeRead(() => {
      localStorage.setItem(languageKey, language);
      return null;
    });
    // The workspace re-renders its chrome in place; only another page is mounted again.
    workspace.retranslate();
    quickConnect.retranslate();
    if (current !== null && current.page !== 'workspace') {
      mount(current);
    }
  };
  const workspace = new Workspace({ api, store: new TabStore(sessionStorage), switchLanguage });
  root.replaceChildren(workspace.element, pageRoot);
  const quickConnect = new QuickConnect({
    api,
    signedIn: () => sessions.get() !== null,
    open: (host) => navigate({ page: 'terminal', hostId: host.id }),
    isAdmin: () => rolesFromToken(sessions.get()?.token ?? '').includes('admin'),
  });
  quickConnect.install(document);

  const context: AppContext = {
    api,
    sessions,
    navigate,
    afterLogin: () => {
      signIn.afterLogin();
    },
    takeLoginNotice: () => signIn.takeNotice(),
    switchLanguage,
    logout: () => {
      workspace.reset();
      void api.logout().then(() => authChannel?.postMessage('logout'));
      navigate({ page: 'login' });
    },
    attachSession: (session) => {
      workspace.attach(session.id, session.hostId, session.hostName === '' ? session.hostId : session.hostName);
      navigate({ page: 'workspace' });
    },
    heldSessions: () => workspace.heldSessions(),
  };

  // Reload, close or an external link while a shell is live: the browser asks first (its own words).
  window.addEventListener('beforeunload', (event) => {
    if (workspace.hasLive) {
      event.preventDefault();
    }
  });

  function render(): void {
    const route = parseRoute(window.location.hash);
    const session = sessions.get();
    if (route === null || (route.page !== 'login' && session === null)) {
      if (route !== null) {
        signIn.remember(route);
      }
      window.location.replace(routeHash({ page: session !== null ? 'hosts' : 'login' }));
      return;
    }
    if (session !== null) {
      workspace.setUser(session.username);
    }
    if (route.page === 'terminal') {
      // Opening a host is an action, not a place: a reload of the workspace must not open it again.
      workspace.open(route.hostId);
      window.location.replace(routeHash({ page: 'workspace' }));
      return;
    }
    mount(route);
  }

  function mount(route: PlaceRoute): void {
    current = route;
    unmount?.();
    unmount = null;
    pageRoot.replaceChildren();
    root.dataset['page'] = route.page;
    if (route.page === 'workspace') {
      pageRoot.hidden = true;
      workspace.show();
      return;
    }
    workspace.hide();
    pageRoot.hidden = false;
    unmount = pageFor(route)(pageRoot, context);
  }

  keepSignedIn(api, sessions, () => {
    signIn.sessionEnded();
  });
  // A new tab (or a reload) signs in from the browser's refresh cookie, without a password, before the first render.
  const first = sessions.get() === null ? api.refresh() : Promise.resolve(true);
  void first.finally(() => {
    window.addEventListener('hashchange', render);
    render();
  });
}

/** A route that is a place to show (opening a host is an action that ends on the workspace). */
type PlaceRoute = Exclude<Route, { page: 'terminal' }>;

function pageFor(route: Exclude<PlaceRoute, { page: 'workspace' }>): Page {
  switch (route.page) {
    case 'login':
      return loginPage;
    case 'hosts':
      return hostsPage;
    case 'account':
      return accountPage;
    case 'admin':
      return adminPage(route.tab);
    case 'audit':
      return auditPage;
    case 'sessions':
      return sessionsPage;
    case 'session':
      return playerPage(route.sessionId, route.startAt);
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

// Hash routes: #/login, #/hosts, #/terminal/<hostId>, #/audit, #/sessions, #/sessions/<sessionId>.

export type Route =
  | { readonly page: 'login' }
  | { readonly page: 'hosts' }
  | { readonly page: 'terminal'; readonly hostId: string }
  | { readonly page: 'audit' }
  | { readonly page: 'sessions' }
  | { readonly page: 'session'; readonly sessionId: string };

/** Parses `location.hash`; anything unknown is null (the caller picks the default page). */
export function parseRoute(hash: string): Route | null {
  const path = hash.replace(/^#/, '');
  if (path === '/login') {
    return { page: 'login' };
  }
  if (path === '/hosts') {
    return { page: 'hosts' };
  }
  if (path === '/audit') {
    return { page: 'audit' };
  }
  if (path === '/sessions') {
    return { page: 'sessions' };
  }
  const session = /^\/sessions\/([0-9a-f]{32})$/.exec(path);
  if (session) {
    return { page: 'session', sessionId: session[1]! };
  }
  const match = /^\/terminal\/([^/?#]+)$/.exec(path);
  if (match) {
    try {
      const hostId = decodeURIComponent(match[1]!);
      return hostId === '' ? null : { page: 'terminal', hostId };
    } catch {
      return null;
    }
  }
  return null;
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'login':
      return '#/login';
    case 'hosts':
      return '#/hosts';
    case 'terminal':
      return `#/terminal/${encodeURIComponent(route.hostId)}`;
    case 'audit':
      return '#/audit';
    case 'sessions':
      return '#/sessions';
    case 'session':
      return `#/sessions/${encodeURIComponent(route.sessionId)}`;
  }
}

// Hash routes: #/login, #/hosts, #/terminal/<hostId>.

export type Route =
  | { readonly page: 'login' }
  | { readonly page: 'hosts' }
  | { readonly page: 'terminal'; readonly hostId: string };

/** Parses `location.hash`; anything unknown is null (the caller picks the default page). */
export function parseRoute(hash: string): Route | null {
  const path = hash.replace(/^#/, '');
  if (path === '/login') {
    return { page: 'login' };
  }
  if (path === '/hosts') {
    return { page: 'hosts' };
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
  }
}

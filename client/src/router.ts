// Hash routes: #/login, #/hosts, #/terminal/<hostId>, #/admin/<tab>.

export const adminTabs = ['hosts', 'keys', 'credentials', 'users', 'grants'] as const;
export type AdminTab = (typeof adminTabs)[number];

export type Route =
  | { readonly page: 'login' }
  | { readonly page: 'hosts' }
  | { readonly page: 'terminal'; readonly hostId: string }
  | { readonly page: 'admin'; readonly tab: AdminTab };

/** Parses `location.hash`; anything unknown is null (the caller picks the default page). */
export function parseRoute(hash: string): Route | null {
  const path = hash.replace(/^#/, '');
  if (path === '/login') {
    return { page: 'login' };
  }
  if (path === '/hosts') {
    return { page: 'hosts' };
  }
  const admin = /^\/admin(?:\/(\w+))?$/.exec(path);
  if (admin) {
    const tab = admin[1] ?? 'hosts';
    return (adminTabs as readonly string[]).includes(tab) ? { page: 'admin', tab: tab as AdminTab } : null;
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
    case 'admin':
      return `#/admin/${route.tab}`;
  }
}

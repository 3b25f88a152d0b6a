// Hash routes: #/login, #/hosts, #/account (the user's own account), #/terminal (the workspace), #/terminal/<hostId> (open a new tab on that host, then
// the workspace), #/admin/<tab>, #/audit, #/sessions, #/sessions/<sessionId>,
// #/sessions/<sessionId>?t=<seconds> (the player, starting at that second of the recording),
// #/watch/<sessionId> (watch a running session read-only), #/audit?host=…&type=… (the audit log's filters),
// #/account (the user's own account).

export const adminTabs = ['hosts', 'keys', 'credentials', 'users', 'grants'] as const;
export type AdminTab = (typeof adminTabs)[number];

export type Route =
  | { readonly page: 'login' }
  | { readonly page: 'hosts' }
  | { readonly page: 'account' }
  | { readonly page: 'workspace' }
  | { readonly page: 'terminal'; readonly hostId: string }
  | { readonly page: 'admin'; readonly tab: AdminTab }
  | { readonly page: 'audit' }
  | { readonly page: 'sessions' }
  | { readonly page: 'session'; readonly sessionId: string; readonly startAt?: number }
  | { readonly page: 'watch'; readonly sessionId: string };

/** Parses `location.hash`; anything unknown is null (the caller picks the default page). */
export function parseRoute(hash: string): Route | null {
  const path = hash.replace(/^#/, '');
  if (path === '/login') {
    return { page: 'login' };
  }
  if (path === '/hosts') {
    return { page: 'hosts' };
  }
  if (path === '/account') {
    return { page: 'account' };
  }
  const admin = /^\/admin(?:\/(\w+))?$/.exec(path);
  if (admin) {
    const tab = admin[1] ?? 'hosts';
    return (adminTabs as readonly string[]).includes(tab) ? { page: 'admin', tab: tab as AdminTab } : null;
  }
  if (path === '/terminal') {
    return { page: 'workspace' };
  }
  if (path === '/audit' || path.startsWith('/audit?')) {
    // The audit page keeps its filters in the query (a shareable view); the page reads them.
    return { page: 'audit' };
  }
  if (path === '/sessions') {
    return { page: 'sessions' };
  }
  const session = /^\/sessions\/([0-9a-f]{32})(?:\?(.*))?$/.exec(path);
  if (session?.[1] !== undefined) {
    const startAt = parseStartAt(session[2]);
    return startAt === undefined ? { page: 'session', sessionId: session[1] } : { page: 'session', sessionId: session[1], startAt };
  }
  const watchId = /^\/watch\/([0-9a-f]{32})$/.exec(path)?.[1];
  if (watchId !== undefined) {
    return { page: 'watch', sessionId: watchId };
  }
  const encodedHostId = /^\/terminal\/([^/?#]+)$/.exec(path)?.[1];
  if (encodedHostId !== undefined) {
    try {
      const hostId = decodeURIComponent(encodedHostId);
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
    case 'account':
      return '#/account';
    case 'workspace':
      return '#/terminal';
    case 'terminal':
      return `#/terminal/${encodeURIComponent(route.hostId)}`;
    case 'admin':
      return `#/admin/${route.tab}`;
    case 'audit':
      return '#/audit';
    case 'sessions':
      return '#/sessions';
    case 'session':
      return `#/sessions/${encodeURIComponent(route.sessionId)}${route.startAt === undefined ? '' : `?t=${route.startAt}`}`;
    case 'watch':
      return `#/watch/${encodeURIComponent(route.sessionId)}`;
  }
}

/** `t=<seconds>` of a player link (a search hit): a finite number ≥ 0, else none. */
function parseStartAt(query: string | undefined): number | undefined {
  const value = new URLSearchParams(query ?? '').get('t');
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

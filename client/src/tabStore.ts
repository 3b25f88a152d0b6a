// The workspace's open tabs, remembered per browser tab in sessionStorage so a reload re-attaches each one to its
// session. Only ids and names are stored (never a ticket or token); a malformed entry is dropped, not trusted.

export interface StoredTab {
  /** The tab's own id in this page (stable across reloads, unique among the open tabs). */
  readonly key: string;
  readonly hostId: string;
  readonly hostName: string;
  /** The server's session id once `ready` named it; null while the first socket is still connecting. */
  readonly sessionId: string | null;
}

export interface StoredWorkspace {
  /** Whose tabs these are: another user signing in in this browser tab starts empty. */
  readonly user: string;
  readonly tabs: readonly StoredTab[];
  readonly active: string | null;
}

/** Bound on open tabs (each holds a terminal with 10 000 lines of scrollback); opening one more is refused. */
export const maxTabs = 12;

const storageKey = 'bastion.workspace';

export class TabStore {
  constructor(private readonly _storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {}

  /** The stored tabs of `user`; empty for another user, nothing stored, or anything unreadable. */
  load(user: string): StoredWorkspace {
    const empty: StoredWorkspace = { user, tabs: [], active: null };
    const raw = read(() => this._storage.getItem(storageKey));
    if (raw === null) {
      return empty;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return empty;
    }
    if (typeof value !== 'object' || value === null) {
      return empty;
    }
    const record = value as Record<string, unknown>;
    if (record['user'] !== user || !Array.isArray(record['tabs'])) {
      return empty;
    }
    const keys = new Set<string>();
    const tabs = (record['tabs'] as unknown[]).flatMap((item): StoredTab[] => {
      const tab = parseTab(item);
      if (tab === null || keys.has(tab.key)) {
        return [];
      }
      keys.add(tab.key);
      return [tab];
    }).slice(0, maxTabs);
    const active = typeof record['active'] === 'string' && keys.has(record['active']) ? record['active'] : (tabs[0]?.key ?? null);
    return { user, tabs, active };
  }

  save(workspace: StoredWorkspace): void {
    const value = {
      user: workspace.user,
      tabs: workspace.tabs.map((tab) => ({ key: tab.key, hostId: tab.hostId, hostName: tab.hostName, sessionId: tab.sessionId })),
      active: workspace.active,
    };
    read(() => {
      this._storage.setItem(storageKey, JSON.stringify(value));
      return null;
    });
  }

  clear(): void {
    read(() => {
      this._storage.removeItem(storageKey);
      return null;
    });
  }
}

function parseTab(item: unknown): StoredTab | null {
  if (typeof item !== 'object' || item === null) {
    return null;
  }
  const value = item as Record<string, unknown>;
  const { key, hostId, hostName, sessionId } = value;
  if (typeof key !== 'string' || key === '' || typeof hostId !== 'string' || hostId === '') {
    return null;
  }
  return {
    key,
    hostId,
    hostName: typeof hostName === 'string' && hostName !== '' ? hostName : hostId,
    sessionId: typeof sessionId === 'string' && sessionId !== '' ? sessionId : null,
  };
}

/** Storage can throw (quota, disabled storage); the workspace then simply does not survive a reload. */
function read(action: () => string | null): string | null {
  try {
    return action();
  } catch {
    return null;
  }
}

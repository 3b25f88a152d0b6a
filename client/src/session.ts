// Where the signed-in user's JWT lives: sessionStorage, so it dies with the tab and is never sent as a cookie.

export interface Session {
  readonly token: string;
  readonly username: string;
  /** Epoch milliseconds after which the token is no longer worth sending. */
  readonly expiresAt: number;
}

export interface SessionStore {
  get(): Session | null;
  set(session: Session): void;
  clear(): void;
}

const storageKey = 'bastion.session';

/** A store over a Web Storage object (sessionStorage in the page, anything Storage-like in tests). */
export class StorageSessionStore implements SessionStore {
  constructor(
    private readonly _storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
    private readonly _now: () => number = Date.now,
  ) {}

  get(): Session | null {
    const raw = this._storage.getItem(storageKey);
    if (raw === null) {
      return null;
    }
    try {
      const value = JSON.parse(raw) as Partial<Session>;
      if (typeof value.token !== 'string' || typeof value.username !== 'string' || typeof value.expiresAt !== 'number') {
        this.clear();
        return null;
      }
      if (value.expiresAt <= this._now()) {
        this.clear();
        return null;
      }
      return { token: value.token, username: value.username, expiresAt: value.expiresAt };
    } catch {
      this.clear();
      return null;
    }
  }

  set(session: Session): void {
    this._storage.setItem(storageKey, JSON.stringify(session));
  }

  clear(): void {
    this._storage.removeItem(storageKey);
  }
}

export class MemorySessionStore implements SessionStore {
  private _session: Session | null = null;

  constructor(session: Session | null = null) {
    this._session = session;
  }

  get(): Session | null {
    return this._session;
  }

  set(session: Session): void {
    this._session = session;
  }

  clear(): void {
    this._session = null;
  }
}

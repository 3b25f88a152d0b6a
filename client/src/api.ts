// The one client of the server's HTTP API; every page calls the server through it. Authenticated calls send the
// bearer token from the session store (a token never goes into a URL, downloads included). A call without a session,
// or one answered 401, first renews the access token with the refresh cookie (`POST /api/auth/refresh`: so every tab
// of the browser is signed in, and a short token's expiry goes unnoticed); only when that fails is the session
// forgotten and `onUnauthorized` called once (the app remembers the page and shows the login form). The sign-in call
// itself reports a 401 as a wrong password.

import { ApiError, UnauthorizedError, ValidationError, fieldErrors } from './apiErrors';
import { parseHost, type Host } from './host';
import type { Session, SessionStore } from './session';
import {
  activeSessionsPath,
  attachTicketBody,
  endSessionPath,
  parseActiveSessions,
  type ActiveSession,
  type AttachMode,
} from './sessionContract';
import { t } from './strings';
import { nameFromToken } from './token';

export interface TerminalTicket {
  readonly ticket: string;
  readonly expiresIn: number;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  readonly sessions: SessionStore;
  /** Called once per rejected call, after the session was cleared. */
  readonly onUnauthorized: () => void;
  readonly fetch?: FetchLike;
  readonly now?: () => number;
  /** Whether the user did something in the page since the last call (the idle sign-out counts only those). */
  readonly isActive?: () => boolean;
  /** Runs `task` while holding a lock that every tab of the browser shares (the Web Locks API in the page), so two
   * tabs never send the same refresh cookie at once. */
  readonly withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
}

/** The refresh endpoint; its cookie is scoped to this path, so no other request carries it. */
export const refreshPath = '/api/auth/refresh';

export class ApiClient {
  private readonly _sessions: SessionStore;
  private readonly _onUnauthorized: () => void;
  private readonly _fetch: FetchLike;
  private readonly _now: () => number;
  private readonly _isActive: () => boolean;
  private readonly _withLock: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  private _refreshing: Promise<boolean> | null = null;

  constructor(options: ApiClientOptions) {
    this._sessions = options.sessions;
    this._onUnauthorized = options.onUnauthorized;
    this._fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this._now = options.now ?? Date.now;
    this._isActive = options.isActive ?? (() => true);
    this._withLock = options.withLock ?? ((_name, task) => task());
  }

  /**
   * `POST /api/auth/refresh`: a new access token for the browser's login from its HttpOnly refresh cookie, stored as
   * this tab's session. True when signed in; false when the login is over (the caller shows the login form). One
   * refresh at a time in a tab, and across tabs under one lock.
   */
  refresh(): Promise<boolean> {
    this._refreshing ??= this._withLock('bastion.refresh', () => this.sendRefresh()).finally(() => {
      this._refreshing = null;
    });
    return this._refreshing;
  }

  private async sendRefresh(): Promise<boolean> {
    let response: Response;
    try {
      response = await this._fetch(refreshPath, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ active: this._isActive() }),
      });
    } catch {
      return false;
    }
    if (!response.ok) {
      return false;
    }
    const body = (await readJson(response)) as Record<string, unknown> | null;
    const token = body?.['access_token'];
    if (typeof token !== 'string' || token === '') {
      return false;
    }
    const expiresIn = typeof body?.['expires_in'] === 'number' ? body['expires_in'] : 900;
    const username = nameFromToken(token) ?? this._sessions.get()?.username ?? '';
    this._sessions.set({ token, username, expiresAt: this._now() + expiresIn * 1000 });
    return true;
  }

  /** `POST /api/auth/token`; stores and returns the new session. A wrong password is an ApiError(401). */
  async login(username: string, password: string): Promise<Session> {
    const response = await this.send('/api/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) {
      throw new ApiError(response.status, await errorText(response));
    }
    const body = (await readJson(response)) as Record<string, unknown> | null;
    const token = body?.['access_token'];
    if (typeof token !== 'string' || token === '') {
      throw new ApiError(response.status, t('requestFailed', { status: response.status }));
    }
    const expiresIn = typeof body?.['expires_in'] === 'number' ? body['expires_in'] : 3600;
    const session: Session = { token, username, expiresAt: this._now() + expiresIn * 1000 };
    this._sessions.set(session);
    return session;
  }

  /** Forgets the session and ends the login on the server (`POST /api/auth/logout`: the refresh cookie, every access
   * token of the login and its terminals); resolves once the server answered or could not be reached. */
  async logout(): Promise<void> {
    const token = this._sessions.get()?.token;
    this._sessions.clear();
    if (token !== undefined) {
      const init: RequestInit = { method: 'POST', headers: { Authorization: `Bearer ${token}` }, keepalive: true, credentials: 'same-origin' };
      await this._fetch('/api/auth/logout', init).catch(() => undefined);
    }
  }

  /** `GET /api/hosts`: the hosts granted to the signed-in user. */
  async hosts(signal?: AbortSignal): Promise<Host[]> {
    const body = await this.call('GET', '/api/hosts', undefined, signal);
    if (!Array.isArray(body)) {
      throw new ApiError(200, t('requestFailed', { status: 200 }));
    }
    return body.flatMap((item: unknown) => parseHost(item) ?? []);
  }

  /** `POST /api/terminal/tickets`: a single-use, 30-second ticket for one terminal socket. */
  async createTicket(hostId: string, signal?: AbortSignal): Promise<TerminalTicket> {
    return this.ticket({ hostId }, signal);
  }

  /** `POST /api/terminal/tickets` for attaching to a running session; a session that is gone is an ApiError(404). */
  async createAttachTicket(sessionId: string, mode: AttachMode, signal?: AbortSignal): Promise<TerminalTicket> {
    return this.ticket(attachTicketBody(sessionId, mode), signal);
  }

  /** The signed-in user's sessions that are still running (attached elsewhere or detached). */
  async activeSessions(signal?: AbortSignal): Promise<ActiveSession[]> {
    return parseActiveSessions(await this.call('GET', activeSessionsPath, undefined, signal));
  }

  /** Ends one of the user's running sessions (the Sessions page's "end", or a tab closed while its socket is down). */
  async endSession(sessionId: string): Promise<void> {
    await this.call('DELETE', endSessionPath(sessionId));
  }

  private async ticket(request: Record<string, string>, signal?: AbortSignal): Promise<TerminalTicket> {
    const body = (await this.call('POST', '/api/terminal/tickets', request, signal)) as Record<string, unknown> | null;
    const ticket = body?.['ticket'];
    if (typeof ticket !== 'string' || ticket === '') {
      throw new ApiError(200, t('requestFailed', { status: 200 }));
    }
    const expiresIn = body?.['expires_in'];
    return { ticket, expiresIn: typeof expiresIn === 'number' ? expiresIn : 30 };
  }

  /** An unauthenticated JSON call (the sign-in page's single sign-on): the status and parsed body, whatever the status. */
  async anonymous(method: string, path: string): Promise<{ readonly status: number; readonly body: unknown }> {
    const response = await this.send(path, { method, headers: { Accept: 'application/json' } });
    return { status: response.status, body: await readJson(response) };
  }

  /** Any authenticated JSON call: the parsed body, or null for 204. A 400 with field errors is a ValidationError. */
  async call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    const response = await this.authorized(path, init, 'application/json', signal);
    return response.status === 204 ? null : readJson(response);
  }

  /** An authenticated `GET` of a text body (CSV export, a recording). */
  async text(path: string, signal?: AbortSignal): Promise<string> {
    return (await this.authorized(path, { method: 'GET' }, '*/*', signal)).text();
  }

  /** An authenticated `GET` of a download, as a blob the page hands to the browser (see `saveFile` in dom.ts). */
  async blob(path: string, signal?: AbortSignal): Promise<Blob> {
    return (await this.authorized(path, { method: 'GET' }, '*/*', signal)).blob();
  }

  /** An authenticated `GET` whose body the caller reads as a stream (a file download with progress). */
  async stream(path: string, signal?: AbortSignal): Promise<Response> {
    return this.authorized(path, { method: 'GET' }, 'application/octet-stream', signal);
  }

  /** Sends `init` with the bearer token; resolves only with a 2xx response, every other outcome is an ApiError. */
  private async authorized(path: string, init: RequestInit, accept: string, signal?: AbortSignal): Promise<Response> {
    let response: Response | null = null;
    for (let attempt = 0; attempt < 2; attempt++) {
      let session = this._sessions.get();
      if (!session || attempt > 0) {
        session = (await this.refresh()) ? this._sessions.get() : null;
      }
      if (!session) {
        break;
      }
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${session.token}`);
      headers.set('Accept', accept);
      response = await this.send(path, { ...init, headers, cache: 'no-store', ...(signal ? { signal } : {}) });
      if (response.status !== 401) {
        break;
      }
    }
    if (response === null || response.status === 401) {
      this._sessions.clear();
      this._onUnauthorized();
      throw new UnauthorizedError(t('sessionExpired'));
    }
    if (response.status === 400) {
      const body = (await readJson(response)) as Record<string, unknown> | null;
      const title = body?.['title'];
      const error = body?.['error'];
      const message = typeof error === 'string' ? error : typeof title === 'string' ? title : t('requestFailed', { status: 400 });
      throw new ValidationError(message, fieldErrors(body));
    }
    if (!response.ok) {
      const body = (await readJson(response)) as Record<string, unknown> | null;
      const code = body?.['code'];
      throw new ApiError(response.status, errorMessage(body, response.status), typeof code === 'string' ? code : undefined);
    }
    return response;
  }

  /** The signed-in user's bearer token, for the two calls fetch cannot make with progress (file upload, download). */
  bearerToken(): string | null {
    return this._sessions.get()?.token ?? null;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this._fetch(path, { credentials: 'same-origin', ...init });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        throw error;
      }
      throw new ApiError(0, t('networkError'));
    }
  }
}

/** A query string (`?a=1&b=x`) from the values that are not empty; '' when none is. */
export function queryString(values: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && String(value).trim() !== '') {
      params.set(key, String(value).trim());
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** The server's `{"error": "..."}` text, a ProblemDetails title, or a generic message with the status. */
async function errorText(response: Response): Promise<string> {
  return errorMessage((await readJson(response)) as Record<string, unknown> | null, response.status);
}

function errorMessage(body: Record<string, unknown> | null, status: number): string {
  for (const key of ['error', 'detail', 'title']) {
    const value = body?.[key];
    if (typeof value === 'string' && value.trim() !== '') {
      return value;
    }
  }
  return t('requestFailed', { status });
}

// The HTTP API of the server. Every authenticated call that gets a 401 forgets the session and calls
// `onUnauthorized` (the page then shows the login form); the sign-in call itself reports a 401 as a wrong password.

import type { Session, SessionStore } from './session';
import { fieldErrors } from './admin/model';
import { t } from './strings';

export interface Host {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly username: string;
  /** `SHA256:...`, or null when no host key is pinned yet. */
  readonly hostKeyFingerprint: string | null;
  readonly description: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly groups: readonly string[];
  readonly enabled: boolean;
  /** Keystrokes are recorded (asciicast "i" events); off by default so passwords typed at prompts are not stored. */
  readonly recordInput: boolean;
  readonly charset: string;
  readonly gatewayHostId: string | null;
  /** The shared credential's name, or null for the host's own (or none). Secrets are never sent. */
  readonly credentialName: string | null;
}

export interface TerminalTicket {
  readonly ticket: string;
  readonly expiresIn: number;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export class ApiError extends Error {
  /** The HTTP status, or 0 when the server could not be reached. */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message: string) {
    super(401, message);
    this.name = 'UnauthorizedError';
  }
}

/** A 400 ValidationProblem: `fields` maps each JSON field name to its first message. */
export class ValidationError extends ApiError {
  readonly fields: Readonly<Record<string, string>>;

  constructor(message: string, fields: Record<string, string>) {
    super(400, message);
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

export interface ApiClientOptions {
  readonly sessions: SessionStore;
  /** Called once per rejected call, after the session was cleared. */
  readonly onUnauthorized: () => void;
  readonly fetch?: FetchLike;
  readonly now?: () => number;
}

export class ApiClient {
  private readonly _sessions: SessionStore;
  private readonly _onUnauthorized: () => void;
  private readonly _fetch: FetchLike;
  private readonly _now: () => number;

  constructor(options: ApiClientOptions) {
    this._sessions = options.sessions;
    this._onUnauthorized = options.onUnauthorized;
    this._fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this._now = options.now ?? Date.now;
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

  logout(): void {
    this._sessions.clear();
  }

  /** `GET /api/hosts`: the hosts granted to the signed-in user. */
  async hosts(signal?: AbortSignal): Promise<Host[]> {
    const body = await this.authorized('/api/hosts', { method: 'GET' }, signal);
    if (!Array.isArray(body)) {
      throw new ApiError(200, t('requestFailed', { status: 200 }));
    }
    return body.flatMap((item: unknown) => {
      const host = toHost(item);
      return host ? [host] : [];
    });
  }

  /** `POST /api/terminal/tickets`: a single-use, 30-second ticket for one terminal socket. */
  async createTicket(hostId: string, signal?: AbortSignal): Promise<TerminalTicket> {
    const body = (await this.authorized(
      '/api/terminal/tickets',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ hostId }) },
      signal,
    )) as Record<string, unknown> | null;
    const ticket = body?.['ticket'];
    if (typeof ticket !== 'string' || ticket === '') {
      throw new ApiError(200, t('requestFailed', { status: 200 }));
    }
    const expiresIn = body?.['expires_in'];
    return { ticket, expiresIn: typeof expiresIn === 'number' ? expiresIn : 30 };
  }

  /** Any authenticated JSON call; a 400 with field errors becomes a ValidationError. */
  async call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    return this.authorized(path, init, signal);
  }

  /** Like `call`, for routes that answer with text (CSV export). */
  async text(path: string): Promise<string> {
    const session = this._sessions.get();
    const response = await this.send(path, { method: 'GET', headers: { Authorization: `Bearer ${session?.token ?? ''}` }, cache: 'no-store' });
    if (!response.ok) {
      throw new ApiError(response.status, await errorText(response));
    }
    return response.text();
  }

  /** Parses one host of `GET /api/hosts`. */
  static toHost(item: unknown): Host | null {
    return toHost(item);
  }

  private async authorized(path: string, init: RequestInit, signal?: AbortSignal): Promise<unknown> {
    const session = this._sessions.get();
    if (!session) {
      this._onUnauthorized();
      throw new UnauthorizedError(t('sessionExpired'));
    }
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${session.token}`);
    headers.set('Accept', 'application/json');
    const response = await this.send(path, { ...init, headers, cache: 'no-store', ...(signal ? { signal } : {}) });
    if (response.status === 401) {
      this._sessions.clear();
      this._onUnauthorized();
      throw new UnauthorizedError(t('sessionExpired'));
    }
    if (response.status === 400) {
      const body = await readJson(response);
      const fields = fieldErrors(body);
      const title = (body as Record<string, unknown> | null)?.['title'];
      const error = (body as Record<string, unknown> | null)?.['error'];
      throw new ValidationError(typeof error === 'string' ? error : typeof title === 'string' ? title : t('requestFailed', { status: 400 }), fields);
    }
    if (!response.ok) {
      throw new ApiError(response.status, await errorText(response));
    }
    return response.status === 204 ? null : readJson(response);
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

function toHost(item: unknown): Host | null {
  if (typeof item !== 'object' || item === null) {
    return null;
  }
  const value = item as Record<string, unknown>;
  const id = value['id'];
  if (typeof id !== 'string' && typeof id !== 'number') {
    return null;
  }
  const fingerprint = value['hostKeyFingerprint'];
  const labels = value['labels'];
  const groups = value['groups'];
  const str = (key: string): string | null => (typeof value[key] === 'string' && value[key] !== '' ? (value[key] as string) : null);
  return {
    id: String(id),
    name: typeof value['name'] === 'string' ? value['name'] : String(id),
    address: typeof value['address'] === 'string' ? value['address'] : '',
    port: typeof value['port'] === 'number' ? value['port'] : 22,
    username: typeof value['username'] === 'string' ? value['username'] : '',
    hostKeyFingerprint: typeof fingerprint === 'string' && fingerprint !== '' ? fingerprint : null,
    description: str('description'),
    labels:
      typeof labels === 'object' && labels !== null && !Array.isArray(labels)
        ? Object.fromEntries(Object.entries(labels as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
        : {},
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
    enabled: value['enabled'] !== false,
    recordInput: value['recordInput'] === true,
    charset: str('charset') ?? 'utf-8',
    gatewayHostId: str('gatewayHostId'),
    credentialName: str('credentialName'),
  };
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
  const body = (await readJson(response)) as Record<string, unknown> | null;
  for (const key of ['error', 'detail', 'title']) {
    const value = body?.[key];
    if (typeof value === 'string' && value.trim() !== '') {
      return value;
    }
  }
  return t('requestFailed', { status: response.status });
}

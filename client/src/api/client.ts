// The one client of the server's HTTP API; every page calls the server through it. Authenticated calls send the
// bearer token from the session store (a token never goes into a URL, downloads included). A call without a session,
// or one answered 401, first renews the access token with the refresh cookie (`POST /api/auth/refresh`: so every tab
// of the browser is signed in, and a short token's expiry goes unnoticed); only when that fails is the session
// forgotten and `onUnauthorized` called once (the app remembers the page and shows the login form). The sign-in call
// itself reports a 401 as a wrong password.

import { ApiError, StepUpRequiredError, UnauthorizedError } from '../apiErrors';
import type { Session, SessionStore } from '../session';
import {
  activeSessionsPath,
  attachTicketBody,
  endSessionPath,
  parseActiveSessions,
  type ActiveSession,
  type AttachMode,
} from '../sessionContract';
import { t } from '../strings';
import { nameFromToken } from '../token';
import { accessToken, parseEnrolment, refreshPath, secondFactorNeeded } from './auth';
import { anonymousRefusal, readJson, refusal } from './http';
import { parseTicket } from './terminal';
import { hostPagePath, parseHostPage, type HostPage, type HostPageQuery } from './hostPage';
import type { ApiClientOptions, FetchLike, SignInOutcome, TerminalTicket, TotpEnrolment } from './types';

export class ApiClient {
  private readonly _sessions: SessionStore;
  private readonly _onUnauthorized: () => void;
  private readonly _fetch: FetchLike;
  private readonly _now: () => number;
  private readonly _isActive: () => boolean;
  private readonly _withLock: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  private _refreshing: Promise<boolean> | null = null;
  private readonly _stepUp: (() => Promise<boolean>) | undefined;

  constructor(options: ApiClientOptions) {
    this._stepUp = options.stepUp;
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
    const access = accessToken((await readJson(response)) as Record<string, unknown> | null, 900);
    if (access === null) {
      return false;
    }
    const username = nameFromToken(access.token) ?? this._sessions.get()?.username ?? '';
    this._sessions.set({ token: access.token, username, expiresAt: this._now() + access.expiresIn * 1000 });
    return true;
  }

  /** `POST /api/auth/token`; stores and returns the new session. A wrong password is an ApiError(401). */
  async login(username: string, password: string): Promise<Session> {
    const outcome = await this.signIn(username, password);
    if (outcome.kind !== 'signedIn') {
      throw new ApiError(200, t('mfaNeeded'));
    }
    return outcome.session;
  }

  /** The password step: signed in, or the mfa_token of the second step (issue 11). */
  async signIn(username: string, password: string): Promise<SignInOutcome> {
    const body = await this.anonymousPost('/api/auth/token', { username, password });
    const pending = secondFactorNeeded(body);
    if (pending !== null) {
      return { kind: 'secondFactor', ...pending };
    }
    return { kind: 'signedIn', session: this.storeSession(username, body, 200) };
  }

  /** `POST /api/auth/mfa`: a code, or a passkey assertion; stores the session. Recovery codes come back when the
   * login enrolled on the way (shown once). */
  async secondFactor(username: string, mfaToken: string, answer: { code: string } | { passkey: unknown }): Promise<{ session: Session; recoveryCodes: string[] }> {
    const body = await this.anonymousPost('/api/auth/mfa', { mfa_token: mfaToken, ...answer });
    const codes = body?.['recovery_codes'];
    return { session: this.storeSession(username, body, 200), recoveryCodes: Array.isArray(codes) ? codes.map(String) : [] };
  }

  /** `POST /api/auth/mfa/enrol`: TOTP enrolment for a login that must set up a second factor. */
  async enrolAtLogin(mfaToken: string): Promise<TotpEnrolment> {
    return parseEnrolment(await this.anonymousPost('/api/auth/mfa/enrol', { mfa_token: mfaToken }));
  }

  /** `POST /api/auth/mfa/passkey-options`: WebAuthn assertion options for the login's user. */
  async loginPasskeyOptions(mfaToken: string): Promise<Record<string, unknown>> {
    return (await this.anonymousPost('/api/auth/mfa/passkey-options', { mfa_token: mfaToken })) ?? {};
  }

  private async anonymousPost(path: string, payload: unknown): Promise<Record<string, unknown> | null> {
    const response = await this.send(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(payload),
    });
    if (!response.ok) {
      throw await anonymousRefusal(response);
    }
    return (await readJson(response)) as Record<string, unknown> | null;
  }

  private storeSession(username: string, body: Record<string, unknown> | null, status: number): Session {
    const access = accessToken(body, 3600);
    if (access === null) {
      throw new ApiError(status, t('requestFailed', { status }));
    }
    const session: Session = { token: access.token, username, expiresAt: this._now() + access.expiresIn * 1000 };
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

  /** `GET /api/hosts` with a filter and a cursor (issue 14): one page, the total of matching hosts, the next cursor. */
  async hostPage(query: HostPageQuery, signal?: AbortSignal): Promise<HostPage> {
    const response = await this.authorized(hostPagePath(query), { method: 'GET' }, 'application/json', signal);
    return parseHostPage(await readJson(response), response.headers);
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
    return parseTicket((await this.call('POST', '/api/terminal/tickets', request, signal)) as Record<string, unknown> | null);
  }

  /** An unauthenticated JSON call (the sign-in page's single sign-on): the status and parsed body, whatever the status. */
  async anonymous(method: string, path: string): Promise<{ readonly status: number; readonly body: unknown }> {
    const response = await this.send(path, { method, headers: { Accept: 'application/json' } });
    return { status: response.status, body: await readJson(response) };
  }

  /** Any authenticated JSON call: the parsed body, or null for 204. A 400 with field errors is a ValidationError. A
   * refusal that a fresh second factor lifts prompts through `stepUp` and is tried once more. */
  async call(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    try {
      return await this.callOnce(method, path, body, signal);
    } catch (error) {
      if (error instanceof StepUpRequiredError && this._stepUp !== undefined && (await this._stepUp())) {
        return this.callOnce(method, path, body, signal);
      }
      throw error;
    }
  }

  private async callOnce(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
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

  /** An authenticated `GET` of bytes `from`..`to` (inclusive, an HTTP range) of a file (a part of a long recording). */
  async range(path: string, from: number, to: number, signal?: AbortSignal): Promise<ArrayBuffer> {
    return (await this.authorized(path, { method: 'GET', headers: { Range: `bytes=${from}-${to}` } }, '*/*', signal)).arrayBuffer();
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
    if (!response.ok) {
      throw await refusal(response);
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

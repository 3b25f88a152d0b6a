// One workspace tab's link to its server session, over as many sockets as it takes: a fresh session by host, or an
// attach by session id; after a drop (a close that is not final) it re-attaches on its own with backoff, and it stops
// for good when the session is gone (404), ended, or a final error says why. No DOM: sockets and timers are injected.

import { ApiError, UnauthorizedError } from './apiErrors';
import { backoffDelay, reconnectGiveUpMs } from './backoff';
import { TerminalConnection, type SocketLike } from './connection';
import type { Timers } from './flow';
import { problemText, type ErrorValues } from './serverText';
import { clampSize, terminalSocketUrl, type Logger, type Participant, type TerminalUrlParts } from './protocol';
import { attachSocketUrl, closeDisposition, isBusyErrorCode, isFinalErrorCode, type AttachMode, type Recording } from './sessionContract';
import type { TerminalTicket } from './api';

/** Why a link stopped. */
export type LinkEnd =
  /** The shell exited (close 1000 without an error). */
  | { readonly kind: 'exited'; readonly code: number; readonly reason: string }
  /** The user ended it from this tab. */
  | { readonly kind: 'ended' }
  /** The session does not exist any more (404 on attach). */
  | { readonly kind: 'gone' }
  /** A final error or close code; `errorCode` is the last `error` message's code ('' when none came). */
  | { readonly kind: 'failed'; readonly errorCode: string; readonly code: number; readonly reason: string }
  /** No ticket could be had (not a drop): `message` is the server's or the network's words. */
  | { readonly kind: 'ticket'; readonly message: string }
  /** The sign-in ended; the app shows the login form. */
  | { readonly kind: 'unauthorized' }
  /** Still not back after the give-up time. */
  | { readonly kind: 'gaveUp' };

export type LinkState =
  /** `queued`: the server's connect queue toward the host holds this socket (a login burst); it has not failed. */
  | { readonly kind: 'connecting'; readonly queued?: boolean }
  /** `recording`: what `ready` said is recorded (the status bar shows it). */
  | { readonly kind: 'connected'; readonly sessionId: string; readonly attached: boolean; readonly recording?: Recording }
  | { readonly kind: 'reconnecting'; readonly attempt: number; readonly delayMs: number }
  | { readonly kind: 'closed'; readonly end: LinkEnd };

export interface LinkHandlers {
  onState(state: LinkState): void;
  /** The server named the session (persist it so a reload can re-attach). */
  onSession(sessionId: string): void;
  /** An attach is about to send the current screen: clear the terminal first. */
  onAttached(): void;
  onOutput(text: string, rendered: () => void): void;
  /** An `error` message, for the terminal to show (`values`: what its message was made from, for the user's words). */
  onError(code: string, message: string, values: ErrorValues): void;
  /** Who is attached to the session now. */
  onParticipants?(participants: readonly Participant[]): void;
  /** A limit is about to end the session (`warning`). */
  onWarning?(code: string, message: string, seconds: number | null): void;
}

export interface LinkTickets {
  createTicket(hostId: string): Promise<TerminalTicket>;
  createAttachTicket(sessionId: string, mode: AttachMode): Promise<TerminalTicket>;
  endSession(sessionId: string): Promise<void>;
}

export interface SessionLinkOptions {
  readonly hostId: string;
  /** Attach to this session at start (a restored tab, or "attach" from the Sessions page); null opens a fresh one. */
  readonly sessionId: string | null;
  readonly tickets: LinkTickets;
  readonly location: TerminalUrlParts;
  readonly size: () => { cols: number; rows: number };
  readonly handlers: LinkHandlers;
  readonly createSocket?: (url: string) => SocketLike;
  readonly timers?: Timers;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly logger?: Logger;
  /** The page shows limit warnings itself: every socket asks the server to keep them out of the terminal. */
  readonly showsNotices?: boolean;
}

const globalTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export class SessionLink {
  private readonly _options: SessionLinkOptions;
  private readonly _timers: Timers;
  private readonly _now: () => number;
  private readonly _random: () => number;
  private _sessionId: string | null;
  private _connection: TerminalConnection | null = null;
  private _state: LinkState = { kind: 'connecting' };
  private _generation = 0;
  private _attempt = 0;
  private _droppedAt: number | null = null;
  private _retryTimer: unknown = undefined;
  private _lastError = '';
  private _stopped = false;

  constructor(options: SessionLinkOptions) {
    this._options = options;
    this._timers = options.timers ?? globalTimers;
    this._now = options.now ?? Date.now;
    this._random = options.random ?? Math.random;
    this._sessionId = options.sessionId;
  }

  get state(): LinkState {
    return this._state;
  }

  get sessionId(): string | null {
    return this._sessionId;
  }

  /** A server-side shell this tab holds (connected, or coming back): closing the tab must ask first. */
  get isLive(): boolean {
    return this._sessionId !== null && (this._state.kind === 'connected' || this._state.kind === 'reconnecting' || this._state.kind === 'connecting');
  }

  start(): void {
    this.setState({ kind: 'connecting' });
    void this.connect();
  }

  /** A new shell on the same host (the Reconnect button of a closed tab). */
  restart(): void {
    this.again(null);
  }

  /** Attaches again to the same session (after giving up, or taking it back from another window). */
  reattach(): void {
    this.again(this._sessionId);
  }

  private again(sessionId: string | null): void {
    this._generation++;
    this.cancelRetry();
    this._connection?.close();
    this._connection = null;
    this._sessionId = sessionId;
    this._stopped = false;
    this._attempt = 0;
    this._droppedAt = null;
    this.start();
  }

  sendInput(data: string): void {
    this._connection?.sendInput(data);
  }

  resize(cols: number, rows: number): void {
    this._connection?.resize(cols, rows);
  }

  /** Ends the session on purpose: `{"flag":"end"}` on an open socket, otherwise `DELETE /api/sessions/{id}`. */
  end(): void {
    const sessionId = this._sessionId;
    const connection = this._connection;
    this._connection = null;
    const said = connection?.end() === true;
    this.stop({ kind: 'ended' });
    if (!said && sessionId !== null) {
      this._options.tickets.endSession(sessionId).catch(() => undefined);
    }
  }

  /** Lets go of the socket; the server keeps the session for its grace period (re-attach from Sessions). */
  detach(): void {
    this._stopped = true;
    this._generation++;
    this.cancelRetry();
    this._connection?.close();
    this._connection = null;
  }

  private async connect(): Promise<void> {
    const generation = ++this._generation;
    this._lastError = '';
    const sessionId = this._sessionId;
    let ticket: string;
    try {
      ticket = sessionId === null
        ? (await this._options.tickets.createTicket(this._options.hostId)).ticket
        : (await this._options.tickets.createAttachTicket(sessionId, 'control')).ticket;
    } catch (error) {
      if (generation === this._generation && !this._stopped) {
        this.ticketFailed(error, sessionId !== null);
      }
      return;
    }
    if (generation !== this._generation || this._stopped) {
      return;
    }
    const size = clampSize(this._options.size().cols, this._options.size().rows);
    const url = sessionId === null
      ? terminalSocketUrl(this._options.location, this._options.hostId, size.cols, size.rows, ticket)
      : attachSocketUrl(this._options.location, sessionId, 'control', size, ticket);
    this._connection = new TerminalConnection({
      url,
      cols: size.cols,
      rows: size.rows,
      ...(this._options.createSocket ? { createSocket: this._options.createSocket } : {}),
      ...(this._options.timers ? { timers: this._options.timers } : {}),
      ...(this._options.logger ? { logger: this._options.logger } : {}),
      ...(this._options.showsNotices === true ? { showsNotices: true } : {}),
      handlers: {
        onReady: (id, attached, recording) => {
          if (id !== '' && id !== this._sessionId) {
            this._sessionId = id;
            this._options.handlers.onSession(id);
          }
          this._attempt = 0;
          this._droppedAt = null;
          if (attached) {
            this._options.handlers.onAttached();
          }
          this.setState({ kind: 'connected', sessionId: this._sessionId ?? id, attached, recording });
        },
        onOutput: (text, rendered) => this._options.handlers.onOutput(text, rendered),
        onStatus: (status) => this.setState({ kind: 'connecting', queued: status === 'queued' }),
        onParticipants: (participants) => this._options.handlers.onParticipants?.(participants),
        onWarning: (code, message, seconds) => this._options.handlers.onWarning?.(code, message, seconds),
        onError: (code, message, values) => {
          if (code !== '') {
            this._lastError = code;
          }
          this._options.handlers.onError(code, message, values);
        },
        onClose: (code, reason) => {
          if (generation === this._generation) {
            this._connection = null;
            this.closed(code, reason);
          }
        },
      },
    });
  }

  private closed(code: number, reason: string): void {
    if (this._stopped) {
      return;
    }
    const disposition = closeDisposition(code);
    if (isFinalErrorCode(this._lastError) || disposition === 'final') {
      this.stop({ kind: 'failed', errorCode: this._lastError, code, reason });
    } else if (disposition === 'ended') {
      this.stop({ kind: 'exited', code, reason });
    } else if (this._sessionId === null && !isBusyErrorCode(this._lastError)) {
      // Dropped before the server named the session: there is nothing to re-attach to. (A busy host's refusal
      // opened nothing either; the retry asks for a fresh session again.)
      this.stop({ kind: 'failed', errorCode: this._lastError, code, reason });
    } else {
      this.scheduleRetry();
    }
  }

  private ticketFailed(error: unknown, attaching: boolean): void {
    if (error instanceof UnauthorizedError) {
      this.stop({ kind: 'unauthorized' });
      return;
    }
    const status = error instanceof ApiError ? error.status : -1;
    if (attaching && status === 404) {
      this.stop({ kind: 'gone' });
    } else if (attaching && (status === 0 || status === 429 || status >= 500)) {
      this.scheduleRetry(); // the server is away or busy: the session may still be there
    } else {
      this.stop({ kind: 'ticket', message: problemText(error) });
    }
  }

  private scheduleRetry(): void {
    const now = this._now();
    this._droppedAt ??= now;
    if (now - this._droppedAt >= reconnectGiveUpMs) {
      this.stop({ kind: 'gaveUp' });
      return;
    }
    this._attempt++;
    const delayMs = backoffDelay(this._attempt, this._random());
    this.setState({ kind: 'reconnecting', attempt: this._attempt, delayMs });
    this.cancelRetry();
    this._retryTimer = this._timers.setTimeout(() => {
      this._retryTimer = undefined;
      if (!this._stopped) {
        void this.connect();
      }
    }, delayMs);
  }

  private stop(end: LinkEnd): void {
    this._stopped = true;
    this._generation++;
    this.cancelRetry();
    this._connection?.close();
    this._connection = null;
    this.setState({ kind: 'closed', end });
  }

  private cancelRetry(): void {
    if (this._retryTimer !== undefined) {
      this._timers.clearTimeout(this._retryTimer);
      this._retryTimer = undefined;
    }
  }

  private setState(state: LinkState): void {
    this._state = state;
    this._options.handlers.onState(state);
  }
}

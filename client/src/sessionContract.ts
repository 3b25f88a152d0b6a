// Every name the client uses from the "sessions outlive their socket" protocol (docs/PROTOCOL.md once the server side
// lands): the attach ticket, the attach socket, the active list, the explicit end, which error codes are final and what
// each close code means. Kept in this one module so a rename on the server is a one-place change here.

export type AttachMode = 'control' | 'watch';

/** The body of `POST /api/terminal/tickets` for attaching to a running session. */
export function attachTicketBody(sessionId: string, mode: AttachMode): Record<string, string> {
  return { sessionId, mode };
}

/** `ws(s)://<same host>/ws/sessions/<id>?ticket=T&mode=M&cols=C&rows=R&flow=1`; `size` already clamped. */
export function attachSocketUrl(
  location: { readonly protocol: string; readonly host: string },
  sessionId: string,
  mode: AttachMode,
  size: { readonly cols: number; readonly rows: number },
  ticket: string,
): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = new URLSearchParams({ ticket, mode, cols: String(size.cols), rows: String(size.rows), flow: '1' });
  return `${scheme}//${location.host}/ws/sessions/${encodeURIComponent(sessionId)}?${query.toString()}`;
}

/** The fields `ready` gained: whether this socket attached to an existing session (false for a fresh one). */
export function readyAttached(message: Readonly<Record<string, unknown>>): boolean {
  return message['attach'] === true;
}

/** What `ready` says is recorded: nothing (an older server), the output, or the keystrokes too (the host's `recordInput`). */
export type Recording = 'none' | 'output' | 'input';

export function readyRecording(message: Readonly<Record<string, unknown>>): Recording {
  if (message['recorded'] !== true) {
    return 'none';
  }
  return message['recordInput'] === true ? 'input' : 'output';
}

/**
 * `{"flag":"status","status":S}` before `ready`, only when the connect had to wait for a handshake slot toward the host
 * (a login burst): `queued` while it waits, `connecting` when its SSH handshake starts.
 */
export const connectStatuses = ['queued', 'connecting'] as const;
export type ConnectStatus = (typeof connectStatuses)[number];

/** Refusals before any shell opened (the host's connect queue): a fresh open is retried with backoff. */
export function isBusyErrorCode(code: string): boolean {
  return code === 'connect_queue_full' || code === 'connect_queue_timeout';
}

export function isConnectStatus(value: unknown): value is ConnectStatus {
  return (connectStatuses as readonly unknown[]).includes(value);
}

/**
 * The close code this client sends when it lets go of a socket without ending the session (RFC 6455 §7.4.2 private
 * range). The server ends a session on a client's 1000 (what clients written before sessions outlived their socket
 * send when the user leaves the terminal), and detaches on any other code.
 */
export const detachCloseCode = 4000;

/** The client message that ends the session on purpose (closing the socket without it only detaches). */
export const endSessionMessage = '{"flag":"end"}';

/** `GET` path of the caller's attachable sessions. */
export const activeSessionsPath = '/api/sessions?active=true';

/** `DELETE` path that ends one of the caller's sessions (204). */
export function endSessionPath(sessionId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}`;
}

/** One attachable session from the active list. */
export interface ActiveSession {
  readonly id: string;
  readonly user: string;
  readonly hostId: string;
  readonly hostName: string;
  readonly login: string;
  readonly startedAt: string;
  readonly detached: boolean;
}

/** The active list: a bare array (the contract) or today's `{"sessions":[...]}` page; only active rows are kept. */
export function parseActiveSessions(body: unknown): ActiveSession[] {
  const rows: unknown = Array.isArray(body) ? body : (body as { sessions?: unknown } | null)?.sessions;
  if (!Array.isArray(rows)) {
    return [];
  }
  return rows.flatMap((row: unknown): ActiveSession[] => {
    if (typeof row !== 'object' || row === null) {
      return [];
    }
    const value = row as Record<string, unknown>;
    const text = (key: string): string => (typeof value[key] === 'string' ? value[key] : '');
    if (text('id') === '' || value['active'] === false) {
      return [];
    }
    return [{
      id: text('id'),
      user: text('user'),
      hostId: text('hostId'),
      hostName: text('hostName'),
      login: text('login'),
      startedAt: text('startedAt'),
      detached: value['detached'] === true,
    }];
  });
}

/**
 * Error codes after which the session is over (or this window lost it): the tab stops reconnecting and says why.
 * Each has a string `error_<code>` in the string table.
 */
export const finalErrorCodes = [
  'session_killed',
  'access_revoked',
  'detached_timeout',
  'idle_timeout',
  'max_duration',
  'too_many_sessions',
  'host_unresponsive',
  'taken_over',
  'host_key_unpinned',
  'host_key_mismatch',
  'unreachable',
  'auth_failed',
  'host_error',
  'recorder_failed',
  'storage_full',
  'login_ended',
] as const;
export type FinalErrorCode = (typeof finalErrorCodes)[number];

/**
 * Error codes shown in words that are not final (the tab reconnects with backoff): the server is stopping, or the
 * connect queue toward the host was full or its wait ran out (close 1013, try again later).
 */
export const explainedErrorCodes = [...finalErrorCodes, 'server_stopping', 'connect_queue_full', 'connect_queue_timeout'] as const;
export type ExplainedErrorCode = (typeof explainedErrorCodes)[number];

export function isFinalErrorCode(code: string): code is FinalErrorCode {
  return (finalErrorCodes as readonly string[]).includes(code);
}

export function isExplainedErrorCode(code: string): code is ExplainedErrorCode {
  return (explainedErrorCodes as readonly string[]).includes(code);
}

/** What a socket close means for the tab. */
export type CloseDisposition = 'ended' | 'final' | 'reconnect';

/**
 * 1000 the shell exited or the user ended it; 1008 policy (revoked, killed), 1009 too big a message, 1011 host
 * failure and Bastion's own codes from 4001 (taken over, idle timeout, maximum duration, too many sessions, login ended) are final; 1001 (server stopping), 1006 (no close frame: a network drop) and anything else
 * reconnect with backoff.
 */
export function closeDisposition(code: number): CloseDisposition {
  switch (code) {
    case 1000:
      return 'ended';
    case 1008:
    case 1009:
    case 1011:
      return 'final';
    default:
      return code > detachCloseCode && code <= 4999 ? 'final' : 'reconnect';
  }
}

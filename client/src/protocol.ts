// The terminal WebSocket messages of docs/PROTOCOL.md: parsing what the server sends, serializing what we send.

import { parseFailureDetail, stringArgs, type ErrorValues } from './serverText';
import { endSessionMessage, isConnectStatus, readyAttached, readyRecording, type ConnectStatus, type Recording } from './sessionContract';

export type ServerMessage =
  | { readonly flag: 'ready'; readonly sessionId: string; readonly attached: boolean; readonly recording: Recording }
  | { readonly flag: 'success'; readonly message: string }
  | { readonly flag: 'status'; readonly status: ConnectStatus }
  | { readonly flag: 'error'; readonly code: string; readonly message: string; readonly values: ErrorValues }
  | { readonly flag: 'participants'; readonly participants: readonly Participant[] }
  | { readonly flag: 'warning'; readonly code: string; readonly message: string; readonly seconds: number | null };

/** One socket attached to a session: `mode` is `control` (the owner), `watch` or `type` (an invited helper). */
export interface Participant {
  readonly user: string;
  readonly mode: string;
}

/**
 * Policy at the bound: a `participants` list longer than this is ignored as malformed (the server sends one entry per
 * attached socket; invitations are capped at 20 a session), so a hostile frame cannot grow the page's state unbounded.
 */
export const maxParticipants = 1000;

export type ClientMessage =
  | { readonly flag: 'input'; readonly data: string }
  | { readonly flag: 'resize'; readonly cols: number; readonly rows: number }
  | { readonly flag: 'ack'; readonly bytes: number }
  | { readonly flag: 'end' }
  | { readonly flag: 'notices' };

/** Sent first on every socket by a client that shows the server's notices (limit warnings) itself: the server then
 * writes no `[bastion] ...` line into its terminal (docs/PROTOCOL.md). */
export const noticesMessage = '{"flag":"notices"}';

export interface Logger {
  warn(...args: unknown[]): void;
}

/** Limits from PROTOCOL.md: a resize outside them gets an `error` back. */
export const sizeLimits = { minCols: 1, maxCols: 1000, minRows: 1, maxRows: 500 } as const;

/**
 * Input is split so every frame stays well under the server's 64 KiB limit (a bigger one closes the socket with 1009).
 * JSON.stringify turns one UTF-16 unit into at most 6 bytes (`\u001b`), so 8192 units are at most 48 KiB of data.
 */
export const maxInputUnitsPerMessage = 8192;

/**
 * Parses one text frame from the server. Returns null, with a warning, for anything that is not a known,
 * well-formed message: a new server flag must not break an older page.
 */
export function parseServerMessage(text: string, logger: Logger = console): ServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    logger.warn('bastion: ignoring a frame that is not JSON');
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    logger.warn('bastion: ignoring a frame that is not a JSON object');
    return null;
  }
  const message = value as Record<string, unknown>;
  switch (message['flag']) {
    case 'ready':
      return {
        flag: 'ready',
        sessionId: typeof message['sessionId'] === 'string' ? message['sessionId'] : '',
        attached: readyAttached(message),
        recording: readyRecording(message),
      };
    case 'success':
      if (typeof message['message'] !== 'string') {
        logger.warn('bastion: ignoring a success message without a string "message"');
        return null;
      }
      return { flag: 'success', message: message['message'] };
    case 'status':
      if (!isConnectStatus(message['status'])) {
        logger.warn('bastion: ignoring a status message with an unknown status', message['status']);
        return null;
      }
      return { flag: 'status', status: message['status'] };
    case 'error': {
      const code = typeof message['code'] === 'string' ? message['code'] : '';
      const text = typeof message['message'] === 'string' ? message['message'] : code;
      return { flag: 'error', code, message: text, values: parseErrorValues(message) };
    }
    case 'participants': {
      const participants = parseParticipants(message['participants']);
      if (participants === null) {
        logger.warn('bastion: ignoring a participants message without a list of {user, mode}');
        return null;
      }
      return { flag: 'participants', participants };
    }
    case 'warning': {
      const seconds = message['seconds'];
      if (typeof message['code'] !== 'string' || typeof message['message'] !== 'string') {
        logger.warn('bastion: ignoring a warning without a string "code" and "message"');
        return null;
      }
      return {
        flag: 'warning',
        code: message['code'],
        message: message['message'],
        seconds: typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : null,
      };
    }
    default:
      logger.warn('bastion: ignoring a message with an unknown flag', message['flag']);
      return null;
  }
}

/** An `error` message's values (issue 14): its `args` (string values only) and its connection `failure`. */
export function parseErrorValues(message: Readonly<Record<string, unknown>>): ErrorValues {
  return { args: stringArgs(message['args']), failure: parseFailureDetail(message['failure']) };
}

/** The `participants` field: an array of `{user, mode}` strings (at most `maxParticipants`), else null. */
export function parseParticipants(value: unknown): Participant[] | null {
  if (!Array.isArray(value) || value.length > maxParticipants) {
    return null;
  }
  const participants: Participant[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) {
      return null;
    }
    const { user, mode } = entry as Record<string, unknown>;
    if (typeof user !== 'string' || typeof mode !== 'string') {
      return null;
    }
    participants.push({ user, mode });
  }
  return participants;
}

export function serializeClientMessage(message: ClientMessage): string {
  // Field order is fixed by building the object here rather than trusting the caller's object.
  switch (message.flag) {
    case 'input':
      return JSON.stringify({ flag: 'input', data: message.data });
    case 'resize':
      return JSON.stringify({ flag: 'resize', cols: message.cols, rows: message.rows });
    case 'ack':
      return JSON.stringify({ flag: 'ack', bytes: message.bytes });
    case 'end':
      return endSessionMessage;
    case 'notices':
      return noticesMessage;
  }
}

/** Serializes keystrokes or pasted text as one or more `input` frames, never splitting a surrogate pair. */
export function serializeInput(data: string, maxUnits: number = maxInputUnitsPerMessage): string[] {
  const frames: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + maxUnits, data.length);
    if (end < data.length && end - start > 1 && isHighSurrogate(data.charCodeAt(end - 1))) {
      end -= 1;
    }
    frames.push(serializeClientMessage({ flag: 'input', data: data.slice(start, end) }));
    start = end;
  }
  return frames;
}

/** Clamps a terminal size into the range the server accepts. */
export function clampSize(cols: number, rows: number): { cols: number; rows: number } {
  return {
    cols: clamp(Math.floor(cols), sizeLimits.minCols, sizeLimits.maxCols),
    rows: clamp(Math.floor(rows), sizeLimits.minRows, sizeLimits.maxRows),
  };
}

export interface TerminalUrlParts {
  readonly protocol: string;
  readonly host: string;
}

/** `ws(s)://<same host>/ws/terminal/<hostId>?cols=C&rows=R&flow=1&ticket=T` */
export function terminalSocketUrl(
  location: TerminalUrlParts,
  hostId: string,
  cols: number,
  rows: number,
  ticket: string,
): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const size = clampSize(cols, rows);
  const query = new URLSearchParams({
    cols: String(size.cols),
    rows: String(size.rows),
    flow: '1',
    ticket,
  });
  return `${scheme}//${location.host}/ws/terminal/${encodeURIComponent(hostId)}?${query.toString()}`;
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

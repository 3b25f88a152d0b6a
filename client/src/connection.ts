// One terminal WebSocket: message dispatch, flow-control acknowledgements and size updates.
// The page owns the terminal; this class owns the socket and is dropped on close (a reconnect makes a new one).

import { FlowAcker, type Timers } from './flow';
import { clampSize, parseServerMessage, serializeClientMessage, serializeInput, type Logger, type Participant } from './protocol';
import type { ErrorValues } from './serverText';
import { detachCloseCode, type ConnectStatus, type Recording } from './sessionContract';

/** The part of the browser's WebSocket this class uses (a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  binaryType: BinaryType;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface ConnectionHandlers {
  /** The SSH shell is open: a fresh session, or (`attached`) this socket joined one that was already running. */
  onReady(sessionId: string, attached: boolean, recording: Recording): void;
  /** Terminal output: write it, then call `rendered` once the terminal has parsed it. */
  onOutput(text: string, rendered: () => void): void;
  /** An `error` message; `values` are what its English message was made from, for words in the user's language. */
  onError(code: string, message: string, values: ErrorValues): void;
  /** Before `ready`, when the host's connect queue made this socket wait: `queued`, then `connecting`. */
  onStatus?(status: ConnectStatus): void;
  /** Who is attached to the session now (sent on every join and leave). */
  onParticipants?(participants: readonly Participant[]): void;
  /** A limit ends the session in `seconds` (null when the server did not say) unless something changes. */
  onWarning?(code: string, message: string, seconds: number | null): void;
  /** The socket is gone (called once, not after `close()`). */
  onClose(code: number, reason: string): void;
}

export interface ConnectionOptions {
  readonly url: string;
  /** The size sent in the URL, so an equal resize is not sent again. */
  readonly cols: number;
  readonly rows: number;
  readonly handlers: ConnectionHandlers;
  readonly createSocket?: (url: string) => SocketLike;
  readonly timers?: Timers;
  readonly ackThreshold?: number;
  readonly ackDelayMs?: number;
  readonly logger?: Logger;
  /** This page shows limit warnings itself (its status bar): ask the server not to write them into the terminal. */
  readonly showsNotices?: boolean;
}

const socketOpen = 1;

export class TerminalConnection {
  private readonly _socket: SocketLike;
  private readonly _handlers: ConnectionHandlers;
  private readonly _acker: FlowAcker;
  private readonly _logger: Logger;
  private _sentSize: { cols: number; rows: number };
  private _wantedSize: { cols: number; rows: number };
  private _finished = false;

  constructor(options: ConnectionOptions) {
    this._handlers = options.handlers;
    this._logger = options.logger ?? console;
    this._sentSize = clampSize(options.cols, options.rows);
    this._wantedSize = this._sentSize;
    this._acker = new FlowAcker({
      send: (units) => this.sendFrame(serializeClientMessage({ flag: 'ack', bytes: units })),
      ...(options.timers ? { timers: options.timers } : {}),
      ...(options.ackThreshold !== undefined ? { threshold: options.ackThreshold } : {}),
      ...(options.ackDelayMs !== undefined ? { delayMs: options.ackDelayMs } : {}),
    });
    const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
    this._socket = createSocket(options.url);
    this._socket.binaryType = 'arraybuffer';
    this._socket.onopen = () => {
      if (options.showsNotices === true) {
        this.sendFrame(serializeClientMessage({ flag: 'notices' }));
      }
      this.sendWantedSize();
    };
    this._socket.onmessage = (event) => this.receive(event.data);
    this._socket.onerror = () => {
      // The browser reports no detail here; the close event that follows carries the code.
    };
    this._socket.onclose = (event) => this.finish(event.code, event.reason);
  }

  get isOpen(): boolean {
    return !this._finished && this._socket.readyState === socketOpen;
  }

  /** Sends keystrokes or pasted text; dropped while the socket is not open. */
  sendInput(data: string): void {
    for (const frame of serializeInput(data)) {
      this.sendFrame(frame);
    }
  }

  /** Sends the new size if it differs from the last one sent (now or, while connecting, once open). */
  resize(cols: number, rows: number): void {
    this._wantedSize = clampSize(cols, rows);
    this.sendWantedSize();
  }

  /**
   * Closes the socket from our side; no `onClose` follows. On a server where sessions outlive their socket this only
   * detaches: the shell keeps running for the server's grace period.
   */
  close(): void {
    this.closeWith(detachCloseCode);
  }

  /** Ends the session on purpose (`{"flag":"end"}`), then closes; false when the socket was not open to say so. */
  end(): boolean {
    const open = this.isOpen;
    this.sendFrame(serializeClientMessage({ flag: 'end' }));
    this.closeWith(1000);
    return open;
  }

  private closeWith(code: number): void {
    if (this._finished) {
      return;
    }
    this._finished = true;
    this._acker.dispose();
    this._socket.close(code);
  }

  private sendWantedSize(): void {
    const size = this._wantedSize;
    if (!this.isOpen || (size.cols === this._sentSize.cols && size.rows === this._sentSize.rows)) {
      return;
    }
    this._sentSize = size;
    this.sendFrame(serializeClientMessage({ flag: 'resize', cols: size.cols, rows: size.rows }));
  }

  private receive(data: unknown): void {
    if (this._finished) {
      return;
    }
    if (typeof data !== 'string') {
      this._logger.warn('bastion: ignoring a binary frame');
      return;
    }
    const message = parseServerMessage(data, this._logger);
    switch (message?.flag) {
      case 'ready':
        this._handlers.onReady(message.sessionId, message.attached, message.recording);
        break;
      case 'success': {
        const units = message.message.length;
        this._acker.onReceived(units);
        this._handlers.onOutput(message.message, () => this._acker.onRendered(units));
        break;
      }
      case 'error':
        this._handlers.onError(message.code, message.message, message.values);
        break;
      case 'status':
        this._handlers.onStatus?.(message.status);
        break;
      case 'participants':
        this._handlers.onParticipants?.(message.participants);
        break;
      case 'warning':
        this._handlers.onWarning?.(message.code, message.message, message.seconds);
        break;
      case undefined:
        break;
    }
  }

  private finish(code: number, reason: string): void {
    if (this._finished) {
      return;
    }
    this._finished = true;
    this._acker.dispose();
    this._handlers.onClose(code, reason);
  }

  private sendFrame(frame: string): void {
    if (this.isOpen) {
      this._socket.send(frame);
    }
  }
}

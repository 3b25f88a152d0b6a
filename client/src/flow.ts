// Flow-control accounting for `?flow=1` (docs/PROTOCOL.md, "Flow control").
// Units are UTF-16 code units (`message.length`). The page reports units as received and as rendered
// (from xterm's write callback); the acker batches rendered units into `{"flag":"ack"}` messages: at once when
// `threshold` units are waiting, otherwise after `delayMs` so a small echo is acknowledged promptly.
// It never acknowledges more than it was told it received. No DOM dependency: timers are injected.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FlowAckerOptions {
  /** Sends one acknowledgement of `units` more rendered units. */
  send: (units: number) => void;
  /** Acknowledge at once when this many rendered units are waiting. */
  threshold?: number;
  /** Otherwise acknowledge this long after the first unacknowledged render. */
  delayMs?: number;
  timers?: Timers;
}

export const defaultAckThreshold = 16384;
export const defaultAckDelayMs = 20;

const globalTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export class FlowAcker {
  private readonly _send: (units: number) => void;
  private readonly _threshold: number;
  private readonly _delayMs: number;
  private readonly _timers: Timers;
  private _received = 0;
  private _rendered = 0;
  private _acked = 0;
  private _timer: unknown = undefined;
  private _disposed = false;

  constructor(options: FlowAckerOptions) {
    this._send = options.send;
    this._threshold = Math.max(1, options.threshold ?? defaultAckThreshold);
    this._delayMs = Math.max(0, options.delayMs ?? defaultAckDelayMs);
    this._timers = options.timers ?? globalTimers;
  }

  /** Units received from the server so far. */
  get receivedUnits(): number {
    return this._received;
  }

  /** Units acknowledged to the server so far. */
  get ackedUnits(): number {
    return this._acked;
  }

  /** Rendered units not yet acknowledged. */
  get pendingUnits(): number {
    return this._rendered - this._acked;
  }

  /** Records `units` of output received from the server (call before handing it to the terminal). */
  onReceived(units: number): void {
    if (this._disposed || !isCount(units)) {
      return;
    }
    this._received += units;
  }

  /** Records `units` of output the terminal has parsed (call from `term.write`'s callback). */
  onRendered(units: number): void {
    if (this._disposed || !isCount(units) || units === 0) {
      return;
    }
    // A render can never outrun what arrived; clamping keeps a caller bug from over-acknowledging.
    this._rendered = Math.min(this._rendered + units, this._received);
    if (this.pendingUnits >= this._threshold) {
      this.flush();
    } else if (this.pendingUnits > 0 && this._timer === undefined) {
      this._timer = this._timers.setTimeout(() => {
        this._timer = undefined;
        this.flush();
      }, this._delayMs);
    }
  }

  /** Sends an acknowledgement for every rendered unit not yet acknowledged. */
  flush(): void {
    this.cancelTimer();
    const units = this.pendingUnits;
    if (this._disposed || units <= 0) {
      return;
    }
    this._acked += units;
    this._send(units);
  }

  /** Stops the timer; nothing is sent afterwards (the socket is gone, and the next one starts from zero). */
  dispose(): void {
    this.cancelTimer();
    this._disposed = true;
  }

  private cancelTimer(): void {
    if (this._timer !== undefined) {
      this._timers.clearTimeout(this._timer);
      this._timer = undefined;
    }
  }
}

function isCount(units: number): boolean {
  return Number.isSafeInteger(units) && units >= 0;
}

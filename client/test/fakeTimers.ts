import type { Timers } from '../src/flow';

/** Hand-driven timers: nothing fires until `advance` says time has passed. */
export class ManualTimers implements Timers {
  private _now = 0;
  private _nextId = 1;
  private readonly _pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this._nextId++;
    this._pending.set(id, { at: this._now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this._pending.delete(handle as number);
  }

  get pendingCount(): number {
    return this._pending.size;
  }

  advance(ms: number): void {
    this._now += ms;
    for (const [id, timer] of [...this._pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= this._now && this._pending.delete(id)) {
        timer.callback();
      }
    }
  }
}

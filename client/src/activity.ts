// Whether the user did something in the page (a key, a click, a scroll) since the last time anyone asked. The idle
// sign-out (`Auth:IdleTimeout`) counts a refresh as activity only when this says so, so a tab left open on its own
// keeps no login alive. Listens in the capture phase: xterm stops some key events from bubbling.

const kinds = ['keydown', 'pointerdown', 'wheel'] as const;

export class ActivityTracker {
  // The page was just loaded or signed into: that is activity.
  private _active = true;

  constructor(target: Pick<EventTarget, 'addEventListener'>) {
    for (const kind of kinds) {
      target.addEventListener(kind, () => {
        this._active = true;
      }, { capture: true, passive: true });
    }
  }

  /** True once after any activity; reading it starts the next period. */
  take(): boolean {
    const active = this._active;
    this._active = false;
    return active;
  }
}

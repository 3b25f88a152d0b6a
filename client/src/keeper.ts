// Keeps the tab's access token fresh: shortly before it runs out, the API client renews it with the refresh cookie.
// When the login is over (logged out elsewhere, idle, expired, ended from the account page), `onEnded` runs.

import type { ApiClient } from './api';
import type { SessionStore } from './session';

/** Renew this long before the access token expires (it lives `Auth:TokenLifetime`, 15 minutes by default). */
export const renewBeforeMs = 60_000;
const checkEveryMs = 15_000;

export interface KeeperTimers {
  setInterval(callback: () => void, ms: number): number;
  clearInterval(id: number): void;
}

/** Starts the check; returns its stop. */
export function keepSignedIn(
  api: Pick<ApiClient, 'refresh'>,
  sessions: SessionStore,
  onEnded: () => void,
  now: () => number = Date.now,
  timers: KeeperTimers = window,
): () => void {
  let busy = false;
  // A session that the store dropped as expired (a throttled background tab) is renewed too, but only after one was
  // seen: the login page has nothing to keep.
  let signedIn = false;
  const check = (): void => {
    const session = sessions.get();
    signedIn ||= session !== null;
    if (busy || !signedIn || (session !== null && session.expiresAt - now() > renewBeforeMs)) {
      return;
    }
    busy = true;
    api.refresh().then((ok) => {
      busy = false;
      if (!ok) {
        signedIn = false;
        sessions.clear();
        onEnded();
      }
    }, () => {
      busy = false;
    });
  };
  const id = timers.setInterval(check, checkEveryMs);
  return () => {
    timers.clearInterval(id);
  };
}

// Where the user goes around a sign-in. When the session ends under a page (any API call's 401, or no session at
// all), the page is remembered, the login form shows why, and the next sign-in returns to that page, so an auditor
// whose token expires keeps the audit log, session or recording they were on.

import type { Route } from './router';
import { t } from './strings';

export class SignInFlow {
  private _returnTo: Route | null = null;
  private _notice: string | null = null;

  constructor(
    /** The route shown now (parsed from `location.hash`), or null when the hash is unknown. */
    private readonly _current: () => Route | null,
    private readonly _navigate: (route: Route) => void,
  ) {}

  /** The API client's `onUnauthorized`: the session is gone, so sign in again and come back here. */
  sessionEnded(): void {
    const route = this._current();
    if (route?.page === 'login') {
      return;
    }
    this._returnTo = route;
    this._notice = t('sessionExpired');
    this._navigate({ page: 'login' });
  }

  /** A signed-out visit to `route`: it is where the next sign-in goes. */
  remember(route: Route): void {
    this._returnTo = route;
  }

  /** Goes where the user was when the session ended, or to the host list. */
  afterLogin(): void {
    const route = this._returnTo ?? { page: 'hosts' };
    this._returnTo = null;
    this._navigate(route);
  }

  /** The one-time message for the login page; reading it clears it. */
  takeNotice(): string | null {
    const notice = this._notice;
    this._notice = null;
    return notice;
  }
}

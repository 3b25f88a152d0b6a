import type { ApiClient } from '../api';
import type { Route } from '../router';
import type { SessionStore } from '../session';
import type { Language } from '../strings';

export interface AppContext {
  readonly api: ApiClient;
  readonly sessions: SessionStore;
  navigate(route: Route): void;
  /** Goes where the user was when the session ended, or to the host list. */
  afterLogin(): void;
  /** A one-time message for the login page (e.g. "your session has ended"); reading it clears it. */
  takeLoginNotice(): string | null;
  /** Switches the UI language, remembers it, and renders the current page again. */
  switchLanguage(language: Language): void;
}

/** Renders a page into `root` and returns its cleanup (timers, sockets, listeners). */
export type Page = (root: HTMLElement, context: AppContext) => () => void;

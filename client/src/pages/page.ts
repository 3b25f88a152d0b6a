import type { ApiClient } from '../api';
import type { Route } from '../router';
import type { SessionStore } from '../session';
import type { ActiveSession } from '../sessionContract';
import type { Language } from '../strings';

export interface AppContext {
  readonly api: ApiClient;
  readonly sessions: SessionStore;
  navigate(route: Route): void;
  /** Goes where the user was when the session ended, or to the host list. */
  afterLogin(): void;
  /** A one-time message for the login page (e.g. "your session has ended"); reading it clears it. */
  takeLoginNotice(): string | null;
  /** Switches the UI language, remembers it, and renders the current page again (the workspace in place). */
  switchLanguage(language: Language): void;
  /** Logs out: the workspace lets go of its sessions, the login ends on the server (and in every tab), the login page shows. */
  logout(): void;
  /** Shows the workspace with this running session in a tab (attaching to it unless a tab holds it already). */
  attachSession(session: ActiveSession): void;
  /** The sessions the workspace of this page holds right now. */
  heldSessions(): ReadonlySet<string>;
}

/** Renders a page into `root` and returns its cleanup (timers, sockets, listeners). */
export type Page = (root: HTMLElement, context: AppContext) => () => void;

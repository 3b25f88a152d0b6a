// The shapes the API client takes and returns.

import type { Session, SessionStore } from '../session';

export interface TerminalTicket {
  readonly ticket: string;
  readonly expiresIn: number;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  readonly sessions: SessionStore;
  /** Called once per rejected call, after the session was cleared. */
  readonly onUnauthorized: () => void;
  readonly fetch?: FetchLike;
  readonly now?: () => number;
  /** Whether the user did something in the page since the last call (the idle sign-out counts only those). */
  readonly isActive?: () => boolean;
  /** Runs `task` while holding a lock that every tab of the browser shares (the Web Locks API in the page), so two
   * tabs never send the same refresh cookie at once. */
  readonly withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  /** Asks the user for a fresh second factor (issue 11 step-up); resolves true once one was accepted. */
  readonly stepUp?: () => Promise<boolean>;
}

/** The first sign-in step's outcome: signed in, or a second factor (or its enrolment) is still needed. */
export type SignInOutcome =
  | { readonly kind: 'signedIn'; readonly session: Session }
  | { readonly kind: 'secondFactor'; readonly mfaToken: string; readonly methods: readonly string[]; readonly enrol: boolean };

/** A TOTP enrolment: the secret to type, the otpauth URI and its QR code as SVG text. */
export interface TotpEnrolment {
  readonly secret: string;
  readonly uri: string;
  readonly qrSvg: string;
}

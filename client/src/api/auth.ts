// Sign-in and token refresh: what the server's token answers mean, before the client stores a session.

import type { TotpEnrolment } from './types';

/** The refresh endpoint; its cookie is scoped to this path, so no other request carries it. */
export const refreshPath = '/api/auth/refresh';

/** An access token from a token answer (`access_token`, `expires_in` with `defaultExpiresIn` seconds when absent);
 * null when the answer holds none. */
export function accessToken(body: Record<string, unknown> | null, defaultExpiresIn: number): { token: string; expiresIn: number } | null {
  const token = body?.['access_token'];
  if (typeof token !== 'string' || token === '') {
    return null;
  }
  const expiresIn = typeof body?.['expires_in'] === 'number' ? body['expires_in'] : defaultExpiresIn;
  return { token, expiresIn };
}

/** The password step's answer when a second factor (or its enrolment) is still needed; null when signed in. */
export function secondFactorNeeded(body: Record<string, unknown> | null): { mfaToken: string; methods: string[]; enrol: boolean } | null {
  if (body?.['mfa_required'] !== true || typeof body['mfa_token'] !== 'string') {
    return null;
  }
  const methods = Array.isArray(body['methods']) ? body['methods'].filter((m): m is string => typeof m === 'string') : [];
  return { mfaToken: body['mfa_token'], methods, enrol: body['enrol_required'] === true };
}

export function parseEnrolment(body: unknown): TotpEnrolment {
  const value = (body ?? {}) as Record<string, unknown>;
  const text = (key: string): string => (typeof value[key] === 'string' ? value[key] : '');
  return { secret: text('secret'), uri: text('otpauth_uri'), qrSvg: text('qr_svg') };
}

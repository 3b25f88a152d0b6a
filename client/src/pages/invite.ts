// Session invitations (issue 9, "Watch and share"): the requests the Sessions page sends and the shape it reads back.
// The server enforces every rule (owner or admin only, the invitee exists and is enabled, bounds); this module only
// builds well-formed requests and refuses minutes that cannot be valid before a round trip.

import type { ApiClient } from '../api';

export type InvitationMode = 'watch' | 'control';

export const defaultInviteMinutes = 30;
export const maxInviteMinutes = 480;

export interface InvitationFormValues {
  readonly user: string;
  readonly mode: InvitationMode;
  /** As typed in the form. */
  readonly minutes: string;
}

export interface InvitationRequest {
  readonly user: string;
  readonly mode: InvitationMode;
  readonly minutes: number;
}

export interface Invitation {
  readonly id: string;
  readonly sessionId: string;
  readonly user: string;
  /** The session's owner. */
  readonly owner: string;
  readonly mode: InvitationMode;
  readonly expiresAt: string;
}

/** The body of `POST /api/sessions/{id}/invitations`, or null when the minutes are not a whole number in 1..max. */
export function invitationRequest(values: InvitationFormValues): InvitationRequest | null {
  const text = values.minutes.trim();
  const minutes = text === '' ? defaultInviteMinutes : Number(text);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > maxInviteMinutes) {
    return null;
  }
  return { user: values.user.trim(), mode: values.mode, minutes };
}

export function invitationsPath(sessionId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/invitations`;
}

export async function createInvitation(api: ApiClient, sessionId: string, request: InvitationRequest): Promise<Invitation | null> {
  return parseInvitation(await api.call('POST', invitationsPath(sessionId), request));
}

export async function listInvitations(api: ApiClient, sessionId: string, signal?: AbortSignal): Promise<Invitation[]> {
  const body = await api.call('GET', invitationsPath(sessionId), undefined, signal);
  return Array.isArray(body) ? body.map(parseInvitation).filter((i): i is Invitation => i !== null) : [];
}

/** `GET /api/invitations`: the signed-in user's own open invitations (sessions they may watch or type in). */
export async function listMyInvitations(api: ApiClient, signal?: AbortSignal): Promise<Invitation[]> {
  const body = await api.call('GET', '/api/invitations', undefined, signal);
  return Array.isArray(body) ? body.map(parseInvitation).filter((i): i is Invitation => i !== null) : [];
}

export async function revokeInvitation(api: ApiClient, sessionId: string, invitationId: string): Promise<void> {
  await api.call('DELETE', `${invitationsPath(sessionId)}/${encodeURIComponent(invitationId)}`);
}

function parseInvitation(value: unknown): Invitation | null {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null || typeof v['id'] !== 'string' || typeof v['user'] !== 'string') {
    return null;
  }
  return {
    id: v['id'],
    sessionId: typeof v['sessionId'] === 'string' ? v['sessionId'] : '',
    user: v['user'],
    owner: typeof v['owner'] === 'string' ? v['owner'] : '',
    mode: v['mode'] === 'control' ? 'control' : 'watch',
    expiresAt: typeof v['expiresAt'] === 'string' ? v['expiresAt'] : '',
  };
}

import { describe, expect, it, vi } from 'vitest';
import { ApiClient, type FetchLike } from '../src/api';
import { ValidationError } from '../src/apiErrors';
import { createInvitation, invitationRequest, listInvitations, listMyInvitations, maxInviteMinutes, revokeInvitation } from '../src/pages/invite';
import { parseRoute, routeHash } from '../src/router';
import { MemorySessionStore } from '../src/session';
import { watchSocketUrl } from '../src/pages/watch';

const sessionId = '0123456789abcdef0123456789abcdef';

function setup(respond: (path: string, init: RequestInit) => Response) {
  const calls: { path: string; init: RequestInit }[] = [];
  const fetch: FetchLike = (path, init) => {
    calls.push({ path, init });
    return Promise.resolve(respond(path, init));
  };
  const sessions = new MemorySessionStore({ token: 'jwt-1', username: 'alice', expiresAt: Number.MAX_SAFE_INTEGER });
  return { api: new ApiClient({ sessions, onUnauthorized: vi.fn(), fetch, now: () => 0 }), calls };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('the invite form', () => {
  it('sends the user, the mode and the minutes to the session, with the bearer token', async () => {
    const { api, calls } = setup(() => json(201, { id: 'inv-1', sessionId, user: 'bob', owner: 'alice', mode: 'control', expiresAt: '2026-12-01T12:15:00Z', expires_in: 900 }));
    const request = invitationRequest({ user: '  bob ', mode: 'control', minutes: '15' });
    expect(request).toEqual({ user: 'bob', mode: 'control', minutes: 15 });

    const created = await createInvitation(api, sessionId, request!);

    expect(created).toEqual({ id: 'inv-1', sessionId, user: 'bob', owner: 'alice', mode: 'control', expiresAt: '2026-12-01T12:15:00Z' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe(`/api/sessions/${sessionId}/invitations`);
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ user: 'bob', mode: 'control', minutes: 15 });
    expect(new Headers(calls[0]?.init.headers).get('Authorization')).toBe('Bearer jwt-1');
  });

  it('defaults to 30 minutes and refuses minutes the server would refuse', () => {
    expect(invitationRequest({ user: 'bob', mode: 'watch', minutes: '' })).toEqual({ user: 'bob', mode: 'watch', minutes: 30 });
    for (const minutes of ['0', '-5', '2.5', 'soon', String(maxInviteMinutes + 1)]) {
      expect(invitationRequest({ user: 'bob', mode: 'watch', minutes })).toBeNull();
    }
    expect(invitationRequest({ user: 'bob', mode: 'watch', minutes: String(maxInviteMinutes) })?.minutes).toBe(maxInviteMinutes);
  });

  it('shows an unknown user as the field error of "user"', async () => {
    const { api } = setup(() => json(400, { title: 'One or more validation errors occurred.', errors: { user: ['no enabled user has this name'] } }));
    const error = await createInvitation(api, sessionId, { user: 'nobody', mode: 'watch', minutes: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ user: 'no enabled user has this name' });
  });

  it('lists and revokes by id', async () => {
    const { api, calls } = setup((_, init) => (init.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, [{ id: 'a/b', user: 'bob', mode: 'watch', expiresAt: 'x' }, { bogus: true }])));
    expect(await listInvitations(api, sessionId)).toEqual([{ id: 'a/b', sessionId: '', user: 'bob', owner: '', mode: 'watch', expiresAt: 'x' }]);
    await revokeInvitation(api, sessionId, 'a/b');
    expect(calls[1]?.init.method).toBe('DELETE');
    expect(calls[1]?.path).toBe(`/api/sessions/${sessionId}/invitations/a%2Fb`);
  });
});

describe('my invitations', () => {
  it('asks /api/invitations and keeps the session and its owner', async () => {
    const { api, calls } = setup(() => json(200, [{ id: 'i1', sessionId, user: 'alice', owner: 'carol', mode: 'control', expiresAt: 'x' }]));
    expect(await listMyInvitations(api)).toEqual([{ id: 'i1', sessionId, user: 'alice', owner: 'carol', mode: 'control', expiresAt: 'x' }]);
    expect(calls[0]?.path).toBe('/api/invitations');
    expect(calls[0]?.init.method).toBe('GET');
  });
});

describe('the watch route', () => {
  it('round-trips and attaches with mode=watch and no token in the URL but the ticket', () => {
    expect(parseRoute(routeHash({ page: 'watch', sessionId }))).toEqual({ page: 'watch', sessionId });
    expect(parseRoute('#/watch/not-a-session')).toBeNull();
    expect(watchSocketUrl({ protocol: 'https:', host: 'bastion.example' }, sessionId, 't k'))
      .toBe(`wss://bastion.example/ws/sessions/${sessionId}?mode=watch&ticket=t+k`);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api';
import { UnauthorizedError } from '../src/apiErrors';
import type { Route } from '../src/router';
import { MemorySessionStore } from '../src/session';
import { SignInFlow } from '../src/signIn';
import { t } from '../src/strings';

/** The app's wiring (main.ts) around one page: the API client's 401 goes to the sign-in flow. */
function app(page: Route, status: number) {
  const navigations: Route[] = [];
  const sessions = new MemorySessionStore({ token: 'jwt-aud', username: 'aud', expiresAt: Number.MAX_SAFE_INTEGER });
  const flow = new SignInFlow(() => page, (route) => navigations.push(route));
  const fetch = () => Promise.resolve(new Response(JSON.stringify({ error: 'token expired' }), { status }));
  const api = new ApiClient({ sessions, onUnauthorized: () => { flow.sessionEnded(); }, fetch });
  return { api, flow, navigations, sessions };
}

const sessionId = '0123456789abcdef0123456789abcdef';

describe('an expired token on a review page', () => {
  it.each([
    ['the audit log', { page: 'audit' }, (api: ApiClient) => api.call('GET', '/api/audit/events?limit=100')],
    ['an audit export', { page: 'audit' }, (api: ApiClient) => api.blob('/api/audit/events.csv')],
    ['the session list', { page: 'sessions' }, (api: ApiClient) => api.call('GET', '/api/sessions?limit=200')],
    ['a recording', { page: 'session', sessionId }, (api: ApiClient) => api.text(`/api/sessions/${sessionId}/recording`)],
  ] as const)('on %s shows the login form with a notice and returns to the page after sign-in', async (_name, page, call) => {
    const { api, flow, navigations, sessions } = app(page, 401);

    await expect(call(api)).rejects.toBeInstanceOf(UnauthorizedError);

    expect(sessions.get()).toBeNull();
    expect(navigations).toEqual([{ page: 'login' }]);
    expect(flow.takeNotice()).toBe(t('sessionExpired'));
    expect(flow.takeNotice()).toBeNull();
    flow.afterLogin();
    expect(navigations.at(-1)).toEqual(page);
  });

  it('keeps nothing to return to once it was used', () => {
    const { flow, navigations } = app({ page: 'audit' }, 401);
    flow.sessionEnded();
    flow.afterLogin();
    flow.afterLogin();
    expect(navigations).toEqual([{ page: 'login' }, { page: 'audit' }, { page: 'hosts' }]);
  });

  it('is ignored on the login page itself', () => {
    const { flow, navigations } = app({ page: 'login' }, 401);
    flow.sessionEnded();
    expect(navigations).toEqual([]);
    expect(flow.takeNotice()).toBeNull();
  });
});

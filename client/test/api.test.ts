import { describe, expect, it, vi } from 'vitest';
import { ApiClient, queryString, type FetchLike } from '../src/api';
import { ApiError, UnauthorizedError, ValidationError, fieldErrors } from '../src/apiErrors';
import { MemorySessionStore, type Session } from '../src/session';
import { problemText } from '../src/serverText';
import { setLanguage } from '../src/strings';

const session: Session = { token: 'jwt-1', username: 'alice', expiresAt: Number.MAX_SAFE_INTEGER };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function setup(respond: (path: string, init: RequestInit) => Response, initial: Session | null = session) {
  const calls: { path: string; init: RequestInit }[] = [];
  const fetch: FetchLike = (path, init) => {
    calls.push({ path, init });
    return Promise.resolve(respond(path, init));
  };
  const sessions = new MemorySessionStore(initial);
  const onUnauthorized = vi.fn();
  const api = new ApiClient({ sessions, onUnauthorized, fetch, now: () => 1_000_000 });
  return { api, calls, sessions, onUnauthorized };
}

describe('ApiClient', () => {
  it('asks for an attach ticket by session id, lists active sessions and ends one', async () => {
    const { api, calls } = setup((_path, init) =>
      init.method === 'POST' ? json(200, { ticket: 'T', expires_in: 30 })
        : init.method === 'DELETE' ? new Response(null, { status: 204 })
          : json(200, [{ id: 's1', user: 'alice', hostId: 'h1', hostName: 'web', login: 'root', startedAt: '', active: true, detached: true }]));
    expect(await api.createAttachTicket('s1', 'control')).toEqual({ ticket: 'T', expiresIn: 30 });
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ sessionId: 's1', mode: 'control' });
    expect((await api.activeSessions()).map((s) => [s.id, s.detached])).toEqual([['s1', true]]);
    expect(calls[1]?.path).toBe('/api/sessions?active=true');
    await api.endSession('s1');
    expect([calls[2]?.init.method, calls[2]?.path]).toEqual(['DELETE', '/api/sessions/s1']);
  });

  it('reports a session that is gone as a 404', async () => {
    const { api } = setup(() => json(404, { error: 'session not found' }));
    const error = await api.createAttachTicket('s1', 'control').catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(404);
  });

  it('signs in, stores the token with its expiry and the user name', async () => {
    const { api, calls, sessions } = setup(() => json(200, { access_token: 'jwt-2', token_type: 'Bearer', expires_in: 60 }), null);
    await api.login('bob', 's3cret');
    expect(sessions.get()).toEqual({ token: 'jwt-2', username: 'bob', expiresAt: 1_060_000 });
    expect(calls[0]?.path).toBe('/api/auth/token');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ username: 'bob', password: 's3cret' });
  });

  it('reports a rejected sign-in with the server error text and does not redirect', async () => {
    const { api, sessions, onUnauthorized } = setup(() => json(401, { error: 'invalid username or password' }), null);
    const error = await api.login('bob', 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(UnauthorizedError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toBe('invalid username or password');
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(sessions.get()).toBeNull();
  });

  it('words a sign-in refusal by its problem code in the chosen language, and a form error by its fields', async () => {
    const { api } = setup(() => json(401, { error: 'invalid username or password', code: 'invalid_credentials' }), null);
    const error = await api.login('bob', 'nope').catch((e: unknown) => e);
    const invalid = new ValidationError('One or more validation errors occurred.', { port: '端口须为 1 到 65535' });
    try {
      setLanguage('zh-CN');
      expect((error as ApiError).problemCode).toBe('invalid_credentials');
      expect(problemText(error)).toBe('用户名或密码错误');
      expect(problemText(invalid)).toBe('端口须为 1 到 65535');
      expect(problemText(new ApiError(409, 'from a newer server', 'not_known_here'))).toBe('from a newer server');
    } finally {
      setLanguage('en');
    }
  });

  it('words a conflict or not-found reply by its code with its values in the chosen language, else keeps the English error', async () => {
    const { api } = setup((path) =>
      path === '/api/hosts' ? json(409, { error: "a host named 'web-1' already exists", code: 'host_name_taken', args: { name: 'web-1' } })
        : path === '/api/me/passkeys' ? json(409, { error: 'at most 20 passkeys per user', code: 'passkeys_too_many', args: { max: '20' } })
          : json(404, { error: 'gone for a newer reason', code: 'not_known_here', args: { name: 'x' } }));
    const taken = await api.call('POST', '/api/hosts', { name: 'web-1' }).catch((e: unknown) => e);
    const tooMany = await api.call('POST', '/api/me/passkeys', {}).catch((e: unknown) => e);
    const unknown = await api.call('DELETE', '/api/hosts/h1').catch((e: unknown) => e);
    expect((taken as ApiError).problemArgs).toEqual({ name: 'web-1' });
    expect(problemText(taken)).toBe("a host named 'web-1' already exists");
    try {
      setLanguage('zh-CN');
      expect(problemText(taken)).toBe('名为“web-1”的主机已存在');
      expect(problemText(tooMany)).toBe('每个用户最多 20 个通行密钥');
      expect(problemText(unknown)).toBe('gone for a newer reason');
      expect(problemText(new ApiError(404, 'host not found', 'host_not_found'))).toBe('未找到主机');
    } finally {
      setLanguage('en');
    }
  });

  it('sends the bearer token and maps hosts', async () => {
    const { api, calls } = setup(() =>
      json(200, [
        { id: 'h1', name: 'db-1', address: '10.0.0.5', port: 22, username: 'ops', hostKeyFingerprint: 'SHA256:abc' },
        { id: 2, name: 'web', address: '::1', port: 2222, username: 'root', hostKeyFingerprint: null },
        'garbage',
      ]),
    );
    const { hosts } = await api.hostPage({});
    expect(new Headers(calls[0]?.init.headers).get('Authorization')).toBe('Bearer jwt-1');
    expect(hosts).toMatchObject([
      { id: 'h1', name: 'db-1', address: '10.0.0.5', port: 22, username: 'ops', hostKeyFingerprint: 'SHA256:abc' },
      { id: '2', name: 'web', address: '::1', port: 2222, username: 'root', hostKeyFingerprint: null },
    ]);
    // Fields an older server does not send get safe defaults.
    expect(hosts[0]).toMatchObject({ labels: {}, groups: [], enabled: true, recordInput: false, charset: 'utf-8', gatewayHostId: null, credentialName: null, idleTimeoutSeconds: null, maxDurationSeconds: null, maxSessionsPerUser: null });
  });

  it('maps inventory fields and turns a ValidationProblem into field errors', async () => {
    let reply = json(200, [{ id: 'h1', name: 'a', labels: { env: 'prod', bad: 1 }, groups: ['db', 2], enabled: false, charset: 'gbk' }]);
    const { api } = setup(() => reply);
    const [host] = (await api.hostPage({})).hosts;
    expect(host).toMatchObject({ labels: { env: 'prod' }, groups: ['db'], enabled: false, charset: 'gbk' });

    reply = json(200, [{ id: 'h2', idleTimeoutSeconds: 900, maxDurationSeconds: 0, maxSessionsPerUser: -1 }]);
    const [limited] = (await api.hostPage({})).hosts;
    // Session limit overrides (issue 9): numbers kept (0 = off on this host), anything else is "the global setting".
    expect(limited).toMatchObject({ idleTimeoutSeconds: 900, maxDurationSeconds: 0, maxSessionsPerUser: null });

    reply = json(400, { title: 'One or more validation errors occurred.', errors: { address: ['a host name or IP address is required'] } });
    const error = await api.call('POST', '/api/hosts', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ address: 'a host name or IP address is required' });
  });

  it.each([
    ['hosts', (api: ApiClient) => api.hostPage({})],
    ['tickets', (api: ApiClient) => api.createTicket('h1')],
  ])('on 401 from %s clears the session and calls onUnauthorized', async (_name, call) => {
    const { api, sessions, onUnauthorized } = setup(() => json(401, { error: 'token expired' }));
    await expect(call(api)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(sessions.get()).toBeNull();
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('without a session tries only the refresh cookie, and when that is refused calls onUnauthorized', async () => {
    const { api, calls, onUnauthorized } = setup((path) => (path === '/api/auth/refresh' ? json(401, { error: 'sign in again' }) : json(200, [])), null);
    await expect(api.hostPage({})).rejects.toBeInstanceOf(UnauthorizedError);
    expect(calls.map((c) => c.path)).toEqual(['/api/auth/refresh']);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('signs a new tab in from the refresh cookie, without a password', async () => {
    const claims = btoa(JSON.stringify({ name: 'carol', sid: 'L1' })).replace(/=+$/, '');
    const fresh = `h.${claims}.s`;
    const { api, calls, sessions } = setup((path) =>
      path === '/api/auth/refresh' ? json(200, { access_token: fresh, token_type: 'Bearer', expires_in: 900 }) : json(200, []), null);
    await api.hostPage({});
    expect(sessions.get()).toEqual({ token: fresh, username: 'carol', expiresAt: 1_000_000 + 900_000 });
    expect(calls[0]?.init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ active: true });
    expect(new Headers(calls[1]?.init.headers).get('Authorization')).toBe(`Bearer ${fresh}`);
  });

  it('renews an access token the server refused, then retries the call once', async () => {
    const { api, calls, onUnauthorized } = setup((path, init) =>
      path === '/api/auth/refresh' ? json(200, { access_token: 'jwt-2', expires_in: 900 })
        : new Headers(init.headers).get('Authorization') === 'Bearer jwt-2' ? json(200, []) : json(401, {}));
    await expect(api.hostPage({}).then((page) => page.hosts)).resolves.toEqual([]);
    expect(calls.map((c) => c.path)).toEqual(['/api/hosts', '/api/auth/refresh', '/api/hosts']);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('sends one refresh for calls made at once, under the shared lock', async () => {
    const locked: string[] = [];
    const calls: string[] = [];
    const sessions = new MemorySessionStore(null);
    const api = new ApiClient({
      sessions,
      onUnauthorized: vi.fn(),
      fetch: (path) => {
        calls.push(path);
        return Promise.resolve(path === '/api/auth/refresh' ? json(200, { access_token: 'jwt-3', expires_in: 900 }) : json(200, []));
      },
      withLock: (name, task) => {
        locked.push(name);
        return task();
      },
    });
    await Promise.all([api.hostPage({}), api.hostPage({})]);
    expect(calls.filter((p) => p === '/api/auth/refresh')).toHaveLength(1);
    expect(locked).toEqual(['bastion.refresh']);
  });

  it('creates a ticket for a host', async () => {
    const { api, calls } = setup(() => json(200, { ticket: 'opaque', expires_in: 30 }));
    await expect(api.createTicket('h1')).resolves.toEqual({ ticket: 'opaque', expiresIn: 30 });
    expect(calls[0]?.path).toBe('/api/terminal/tickets');
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ hostId: 'h1' });
  });

  it('keeps the session on other errors and reports their text', async () => {
    const { api, sessions, onUnauthorized } = setup(() => json(404, { error: 'host not found' }));
    const error = (await api.createTicket('nope').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(404);
    expect(error.message).toBe('host not found');
    expect(sessions.get()).not.toBeNull();
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reports an unreachable server as status 0', async () => {
    const sessions = new MemorySessionStore(session);
    const api = new ApiClient({ sessions, onUnauthorized: vi.fn(), fetch: () => Promise.reject(new TypeError('failed')) });
    const error = (await api.hostPage({}).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
  });

  it('falls back to a generic message when the error body is not JSON', async () => {
    const { api } = setup(() => new Response('<html>oops</html>', { status: 502 }));
    await expect(api.hostPage({})).rejects.toThrow('Request failed (502)');
  });
});

describe('ApiClient downloads and logout', () => {
  it('fetches text and blobs with the bearer token, never in the URL', async () => {
    const { api, calls } = setup(() => new Response('a,b\n', { status: 200 }));
    await expect(api.text('/api/hosts/export?format=csv')).resolves.toBe('a,b\n');
    const blob = await api.blob('/api/audit/events.csv');
    await expect(blob.text()).resolves.toBe('a,b\n');
    expect(calls.map((c) => new Headers(c.init.headers).get('Authorization'))).toEqual(['Bearer jwt-1', 'Bearer jwt-1']);
    expect(calls.every((c) => !c.path.includes('jwt-1'))).toBe(true);
  });

  it('logs out: tells the server with the token, and forgets the session', async () => {
    const { api, calls, sessions } = setup(() => new Response(null, { status: 204 }));
    await api.logout();
    expect(sessions.get()).toBeNull();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/api/auth/logout');
    expect(calls[0]?.init).toMatchObject({ method: 'POST', keepalive: true, headers: { Authorization: 'Bearer jwt-1' } });
    await api.logout();
    expect(calls).toHaveLength(1);
  });

  it('logs out even when the server cannot be reached', async () => {
    const sessions = new MemorySessionStore(session);
    const api = new ApiClient({ sessions, onUnauthorized: vi.fn(), fetch: () => Promise.reject(new TypeError('failed')) });
    await api.logout();
    expect(sessions.get()).toBeNull();
  });
});

describe('queryString', () => {
  it('keeps the values that are not empty, trimmed and encoded', () => {
    expect(queryString({ user: ' alice ', host: '', type: undefined, limit: 100, q: 'a&b' })).toBe('?user=alice&limit=100&q=a%26b');
    expect(queryString({ user: ' ' })).toBe('');
  });
});

describe('fieldErrors', () => {
  it('takes the first message per field', () => {
    expect(fieldErrors({ errors: { name: ['required', 'other'], Port: ['1 to 65535'] } })).toEqual({ name: 'required', port: '1 to 65535' });
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors({ error: 'x' })).toEqual({});
  });

  it('words a coded field message in the chosen language with its values, and keeps the server text otherwise', () => {
    const body = {
      errors: { name: ['a name of 1 to 100 characters is required'], port: ['port must be 1 to 65535'], other: ['from a newer server'] },
      codes: { name: [{ code: 'name_length', args: { max: '100' } }], port: [{ code: 'port_range', args: {} }], other: [{ code: 'not_known_here', args: {} }] },
    };
    try {
      setLanguage('zh-CN');
      expect(fieldErrors(body)).toEqual({ name: '名称须为 1 到 100 个字符', port: '端口须为 1 到 65535', other: 'from a newer server' });
      setLanguage('en');
      expect(fieldErrors(body)['name']).toBe('a name of 1 to 100 characters is required');
      expect(fieldErrors({ errors: body.errors, codes: { name: 'not a list' } })['name']).toBe('a name of 1 to 100 characters is required');
    } finally {
      setLanguage('en');
    }
  });
});

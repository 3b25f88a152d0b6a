import { describe, expect, it, vi } from 'vitest';
import { ActivityTracker } from '../src/activity';
import { keepSignedIn, renewBeforeMs, type KeeperTimers } from '../src/keeper';
import { deviceName, parseLogins } from '../src/pages/account/logins';
import { parseTokens } from '../src/pages/account/apiTokens';
import { MemorySessionStore } from '../src/session';
import { loginFromToken, nameFromToken } from '../src/token';

function manualTimers(): KeeperTimers & { tick(): void } {
  let callback: (() => void) | null = null;
  return {
    setInterval: (cb) => {
      callback = cb;
      return 1;
    },
    clearInterval: () => {
      callback = null;
    },
    tick: () => callback?.(),
  };
}

describe('keepSignedIn', () => {
  it('renews shortly before the access token runs out, and reports a login that is over', async () => {
    let now = 0;
    const sessions = new MemorySessionStore({ token: 't', username: 'a', expiresAt: renewBeforeMs * 3 });
    const refresh = vi.fn(() => Promise.resolve(false));
    const ended = vi.fn();
    const timers = manualTimers();
    keepSignedIn({ refresh }, sessions, ended, () => now, timers);

    timers.tick();
    expect(refresh).not.toHaveBeenCalled();
    now = renewBeforeMs * 2 + 1;
    timers.tick();
    await Promise.resolve();
    await Promise.resolve();
    expect(refresh).toHaveBeenCalledOnce();
    expect(ended).toHaveBeenCalledOnce();
    expect(sessions.get()).toBeNull();
  });

  it('does nothing on the login page (no session seen yet)', () => {
    const refresh = vi.fn(() => Promise.resolve(true));
    const timers = manualTimers();
    keepSignedIn({ refresh }, new MemorySessionStore(null), vi.fn(), () => 0, timers);
    timers.tick();
    expect(refresh).not.toHaveBeenCalled();
  });
});

describe('ActivityTracker', () => {
  it('is active once after load and after each key or click, not in between', () => {
    const target = new EventTarget();
    const tracker = new ActivityTracker(target);
    expect(tracker.take()).toBe(true);
    expect(tracker.take()).toBe(false);
    target.dispatchEvent(new Event('keydown'));
    expect(tracker.take()).toBe(true);
    expect(tracker.take()).toBe(false);
  });
});

describe('account sections', () => {
  it('parses logins and names devices', () => {
    expect(parseLogins([{ id: 'a', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36', current: true }, { id: '' }, 'x'])
      .map((l) => [l.id, l.current])).toEqual([['a', true]]);
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.1 Safari/537.36')).toBe('Chrome · Linux');
    expect(deviceName('')).toBe('?');
  });

  it('parses tokens without ever expecting a secret', () => {
    const [token] = parseTokens([{ id: 't', name: 'ci', scopes: ['read', 3], hint: 'bst_abc…', expiresAt: '2030-01-01T00:00:00Z', lastUsedAt: null }]);
    expect(token).toMatchObject({ id: 't', name: 'ci', scopes: ['read'], lastUsedAt: '', revokedAt: '' });
  });

  it('reads the user name and the login from a token', () => {
    const token = `h.${btoa(JSON.stringify({ name: 'dave', sid: 'L9' }))}.s`;
    expect(nameFromToken(token)).toBe('dave');
    expect(loginFromToken(token)).toBe('L9');
    expect(nameFromToken('garbage')).toBeNull();
  });
});

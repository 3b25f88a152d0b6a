import { describe, expect, it } from 'vitest';
import { pageLine, sanitize } from '../src/ansi';
import { clipboardAction } from '../src/clipboard';
import { OutputMirror } from '../src/output';
import { parseRoute, routeHash } from '../src/router';
import { StorageSessionStore } from '../src/session';
import { languages, setLanguage, t } from '../src/strings';

describe('router', () => {
  it('parses the three routes and round-trips host ids', () => {
    expect(parseRoute('#/login')).toEqual({ page: 'login' });
    expect(parseRoute('#/hosts')).toEqual({ page: 'hosts' });
    expect(parseRoute('#/terminal/abc')).toEqual({ page: 'terminal', hostId: 'abc' });
    expect(parseRoute('#/terminal')).toEqual({ page: 'workspace' });
    expect(routeHash({ page: 'workspace' })).toBe('#/terminal');
    expect(parseRoute(routeHash({ page: 'terminal', hostId: 'a b/c' }))).toEqual({ page: 'terminal', hostId: 'a b/c' });
    for (const bad of ['', '#', '#/', '#/terminal/', '#/terminal/%E0%A4%A', '#/nope']) {
      expect(parseRoute(bad)).toBeNull();
    }
  });

  it('parses admin tabs, defaulting to hosts', () => {
    expect(parseRoute('#/admin')).toEqual({ page: 'admin', tab: 'hosts' });
    expect(parseRoute('#/admin/grants')).toEqual({ page: 'admin', tab: 'grants' });
    expect(parseRoute(routeHash({ page: 'admin', tab: 'keys' }))).toEqual({ page: 'admin', tab: 'keys' });
    expect(parseRoute('#/admin/nope')).toBeNull();
  });
});

describe('OutputMirror', () => {
  it('keeps the last cap units', () => {
    const mirror = new OutputMirror(10);
    mirror.append('abcdef');
    expect(mirror.text).toBe('abcdef');
    mirror.append('ghijkl');
    expect(mirror.text).toBe('cdefghijkl');
    mirror.append('0123456789XYZ');
    expect(mirror.text).toBe('3456789XYZ');
    for (let i = 0; i < 100; i++) {
      mirror.append('.');
    }
    expect(mirror.text).toBe('..........');
  });
});

describe('session store', () => {
  it('forgets an expired or corrupt session', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
      removeItem: (key: string) => void data.delete(key),
    };
    let now = 0;
    const store = new StorageSessionStore(storage, () => now);
    store.set({ token: 't', username: 'u', expiresAt: 100 });
    expect(store.get()?.token).toBe('t');
    now = 100;
    expect(store.get()).toBeNull();
    data.set('bastion.session', '{not json');
    expect(store.get()).toBeNull();
    expect(data.size).toBe(0);
  });
});

describe('strings', () => {
  it('has every key in every language and interpolates', () => {
    const keys = Object.keys(languages.en).sort();
    expect(Object.keys(languages['zh-CN']).sort()).toEqual(keys);
    expect(t('hostsCount', { count: 3 })).toBe('3 hosts');
    setLanguage('zh-CN');
    try {
      expect(t('hostsCount', { count: 3 })).toBe('3 台主机');
    } finally {
      setLanguage('en');
    }
  });

  it('uses the same placeholders in every language', () => {
    const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
    for (const [key, english] of Object.entries(languages.en)) {
      expect(placeholders(languages['zh-CN'][key as keyof typeof languages.en]), key).toEqual(placeholders(english));
    }
  });

  it('holds the review pages in the same table and leaves unknown placeholders alone', () => {
    expect(t('navAudit')).toBe('Audit log');
    expect(t('killConfirm', { user: 'bob' })).toBe('End this session of bob now? They will be disconnected.');
    expect(languages['zh-CN'].navAudit).toBe('审计日志');
  });
});

describe('terminal text helpers', () => {
  it('strips escape sequences from server text and uses CRLF', () => {
    expect(sanitize('bad\x1b[2Jthing\nnext')).toBe('bad[2Jthing\r\nnext');
    expect(pageLine('x', 0)).toBe('x\r\n');
    expect(pageLine('x', 5)).toBe('\r\nx\r\n');
  });

  it('maps the terminal copy/paste chords', () => {
    const key = (code: string, ctrlKey: boolean, shiftKey: boolean) => ({ code, ctrlKey, shiftKey, altKey: false, metaKey: false });
    expect(clipboardAction(key('KeyC', true, true))).toBe('copy');
    expect(clipboardAction(key('KeyV', true, true))).toBe('paste');
    expect(clipboardAction(key('KeyC', true, false))).toBeNull();
    expect(clipboardAction(key('Insert', false, true))).toBe('paste');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { parseConnectionTest, stepDetail, stepWords } from '../src/admin/connectionTest';
import { parseHost, type Host } from '../src/host';
import { closeCodeText, errorCodeText, formatDateTime } from '../src/serverText';
import { setLanguage } from '../src/strings';
import { isPaletteChord } from '../src/workspace/quickConnect';
import { hostMatches, parseShortcuts, sectionHosts, withFavourite } from '../src/workspace/shortcuts';
import { hostPagePath, parseHostPage } from '../src/api/hostPage';

afterEach(() => setLanguage('en'));

const host = (id: string, name: string, extra: Record<string, unknown> = {}): Host =>
  parseHost({ id, name, address: `10.0.0.${id}`, username: 'deploy', port: 22, ...extra })!;

describe('shortcuts', () => {
  const hosts = [host('1', 'web-1', { labels: { role: 'web' } }), host('2', 'db-1', { labels: { role: 'db' } }), host('3', 'app-1')];

  it('lists favourites, then recent hosts that are not starred, then the rest of the page in its order, each host once', () => {
    const [web, db, app] = hosts as [Host, Host, Host];
    const shortcuts = { favourites: ['2'], recent: ['2', '1'], favouriteHosts: [db], recentHosts: [db, web] };
    const groups = sectionHosts(hosts, shortcuts);
    expect(groups.map((g) => [g.section, g.hosts.map((h) => h.name)])).toEqual([
      ['favourites', ['db-1']],
      ['recent', ['web-1']],
      ['all', ['app-1']],
    ]);
    // The page is the server's answer to the filter; favourites and recent hosts are matched here.
    expect(sectionHosts([app], shortcuts, 'role=web').map((g) => [g.section, g.hosts.map((h) => h.name)])).toEqual([
      ['recent', ['web-1']],
      ['all', ['app-1']],
    ]);
    expect(withFavourite(shortcuts, app, true).favourites).toEqual(['3', '2']);
    expect(withFavourite(shortcuts, db, false).favouriteHosts).toEqual([]);
  });

  it('matches name, address, login and labels', () => {
    expect(hosts.filter((h) => hostMatches(h, 'role=db')).map((h) => h.id)).toEqual(['2']);
    expect(hosts.filter((h) => hostMatches(h, '10.0.0.3')).map((h) => h.id)).toEqual(['3']);
    expect(hosts.filter((h) => hostMatches(h, '')).length).toBe(3);
  });

  it('parses a tolerant shortcuts body', () => {
    expect(parseShortcuts({ favourites: ['a', 3], recent: null })).toEqual({ favourites: ['a'], recent: [], favouriteHosts: [], recentHosts: [] });
    expect(parseShortcuts({ favourites: ['a'], favouriteHosts: [{ id: 'a', name: 'one' }, 7] }).favouriteHosts.map((h) => h.name)).toEqual(['one']);
  });

  it('asks for a page of hosts and reads its total and cursor', () => {
    expect(hostPagePath({})).toBe('/api/hosts');
    expect(hostPagePath({ all: true, q: ' db ', group: '', ids: ['a', 'b'], after: 'db 1', limit: 100 })).toBe('/api/hosts?all=1&q=db&after=db+1&id=a&id=b&limit=100');
    const headers = new Headers({ 'X-Total-Count': '100000', 'X-Next-Cursor': encodeURIComponent('db 1') });
    expect(parseHostPage([{ id: '1', name: 'db 1' }], headers)).toMatchObject({ total: 100000, next: 'db 1' });
    expect(parseHostPage([{ id: '1' }], new Headers())).toMatchObject({ total: 1, next: null });
  });
});

describe('quick connect chord', () => {
  const key = { key: 'k', code: 'KeyK', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false };

  it('is Ctrl+K or Cmd+K, and leaves plain Ctrl+K to a terminal', () => {
    expect(isPaletteChord(key, null)).toBe(true);
    expect(isPaletteChord({ ...key, ctrlKey: false, metaKey: true }, null)).toBe(true);
    expect(isPaletteChord({ ...key, shiftKey: true }, null)).toBe(false);
    expect(isPaletteChord({ ...key, ctrlKey: false }, null)).toBe(false);
  });
});

describe('server text', () => {
  it('shows codes in the chosen language, with the server text or the code as fallback', () => {
    expect(errorCodeText('host_key_mismatch')).toBe('the host key does not match the pinned key');
    expect(errorCodeText('new_code', 'server words')).toBe('server words');
    expect(errorCodeText('new_code')).toBe('new_code');
    expect(closeCodeText(4002)).toBe('idle timeout');
    expect(closeCodeText(1000)).toBeUndefined();
    setLanguage('zh-CN');
    expect(closeCodeText(4002)).toBe('空闲超时');
  });

  it('formats times with Intl in the chosen language', () => {
    const iso = '2026-12-02T04:00:00Z';
    expect(formatDateTime(iso)).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)));
    setLanguage('zh-CN');
    expect(formatDateTime(iso)).toBe(new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)));
    expect(formatDateTime('not a time')).toBe('not a time');
    expect(formatDateTime('')).toBe('');
  });

  it('words each connection test step', () => {
    const result = parseConnectionTest({
      succeeded: false,
      reach: { status: 'passed' },
      hostKey: { status: 'failed', code: 'host_key_mismatch', message: 'expected X, got Y' },
      offeredFingerprint: 'SHA256:abc',
    });
    expect(result.login.status).toBe('skipped');
    expect(stepWords(result.hostKey, 'ok')).toBe('host key mismatch');
    expect(stepWords(result.reach, 'ok')).toBe('ok');
    expect(stepWords({ status: 'failed', code: 'brand_new', message: null, detail: null }, 'ok')).toBe('brand_new');
    setLanguage('zh-CN');
    expect(stepWords(result.hostKey, 'ok')).toBe('主机密钥不匹配');
  });

  it('says each step\'s detail in the chosen language from its code and values, the English message only as a fallback', () => {
    const result = parseConnectionTest({
      reach: {
        status: 'failed',
        code: 'unreachable',
        message: 'cannot reach db-1 (10.0.0.9:2222): connection refused',
        detail: { code: 'connection_refused', args: { host: 'db-1', address: '10.0.0.9', port: '2222' } },
      },
      hostKey: { status: 'failed', code: 'host_key_mismatch', message: 'host key mismatch', detail: { code: 'key_mismatch', args: { host: 'db-1', expected: 'SHA256:a', offered: 'SHA256:b', gatewayFor: 'app-7' } } },
      login: { status: 'failed', code: 'host_error', message: 'something new', detail: { code: 'brand_new', args: {} } },
    });
    expect(stepDetail(result.reach)).toBe('cannot reach db-1 (10.0.0.9:2222): connection refused.');
    expect(stepDetail(result.login)).toBe('Server message: something new');
    setLanguage('zh-CN');
    expect(stepDetail(result.reach)).toBe('无法连接 db-1（10.0.0.9:2222）：连接被拒绝。');
    expect(stepDetail(result.hostKey)).toBe('经网关 db-1 连接 app-7 时：db-1 提供的密钥是 SHA256:b，但固定的是 SHA256:a。仅当主机密钥是有意更换时才重新固定。');
    expect(stepDetail(result.login)).toBe('服务器消息： something new');
    expect(stepDetail({ status: 'passed', code: null, message: null, detail: null })).toBeNull();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { endLine, errorWords, statusCode, statusDetail, statusText } from '../src/linkWords';
import { explainedErrorCodes, parseActiveSessions, closeDisposition } from '../src/sessionContract';
import { languages, setLanguage } from '../src/strings';

afterEach(() => setLanguage('en'));

describe('linkWords', () => {
  it('says "ended by an administrator" for killed, in both languages, and never "server stopping"', () => {
    expect(errorWords('session_killed', 'session killed')).toBe('ended by an administrator');
    expect(errorWords('session_killed', '')).not.toBe(errorWords('server_stopping', ''));
    setLanguage('zh-CN');
    expect(errorWords('session_killed', '')).toBe('已被管理员结束');
  });

  it('has words for every explained code in every language, and passes unknown codes through', () => {
    for (const language of Object.keys(languages) as (keyof typeof languages)[]) {
      setLanguage(language);
      for (const code of explainedErrorCodes) {
        expect(errorWords(code, ''), `${language} ${code}`).not.toBe(code);
      }
    }
    setLanguage('en');
    expect(errorWords('bad_size', 'cols must be 1..1000')).toBe('the terminal size was refused');
    expect(errorWords('code_from_a_newer_server', 'its message')).toBe('its message');
    expect(errorWords('code_from_a_newer_server', '')).toBe('code_from_a_newer_server');
    setLanguage('zh-CN');
    expect(errorWords('bad_size', 'cols must be 1..1000')).toBe('终端尺寸被拒绝');
    setLanguage('en');
  });

  it('shows reconnecting… and the session that has ended', () => {
    expect(statusText({ kind: 'reconnecting', attempt: 2, delayMs: 1000 })).toBe('reconnecting…');
    expect(statusDetail({ kind: 'reconnecting', attempt: 2, delayMs: 1000 })).toBe('retry 2 in 1.0 s');
    expect(statusDetail({ kind: 'connecting', queued: true })).toBe('queued: the host is busy with other logins; waiting for a turn');
    expect(statusDetail({ kind: 'connecting', queued: false })).toBe('');
    expect(endLine({ kind: 'gone' })).toBe('this session has ended');
    setLanguage('zh-CN');
    expect(statusText({ kind: 'reconnecting', attempt: 1, delayMs: 500 })).toBe('正在重新连接…');
    expect(endLine({ kind: 'gone' })).toBe('此会话已结束');
  });

  it('keeps the code machine-readable next to the words', () => {
    const killed = { kind: 'closed', end: { kind: 'failed', errorCode: 'session_killed', code: 1008, reason: '' } } as const;
    expect(statusCode(killed)).toBe('session_killed');
    expect(statusDetail(killed)).toBe('ended by an administrator (session_killed)');
    const exited = { kind: 'closed', end: { kind: 'exited', code: 1000, reason: '' } } as const;
    expect(statusText(exited)).toBe('connection closed');
    expect(statusCode(exited)).toBe('1000');
    expect(endLine({ kind: 'unauthorized' })).toBeNull();
  });
});

describe('sessionContract', () => {
  it('reads the active list as an array or as today\'s page, keeping only running sessions', () => {
    const row = { id: 's1', user: 'alice', hostId: 'h1', hostName: 'web-1', login: 'root', startedAt: '2026-01-01T00:00:00Z', active: true, detached: true };
    const expected = [{ id: 's1', user: 'alice', hostId: 'h1', hostName: 'web-1', login: 'root', startedAt: '2026-01-01T00:00:00Z', detached: true }];
    expect(parseActiveSessions([row])).toEqual(expected);
    expect(parseActiveSessions({ sessions: [row, { ...row, id: 's2', active: false }, { id: '' }, 7], next: null })).toEqual(expected);
    expect(parseActiveSessions(null)).toEqual([]);
    expect(parseActiveSessions([{ id: 's3' }])[0]?.detached).toBe(false);
  });

  it('maps close codes: 1000 ended, policy and host failure final, everything else reconnects', () => {
    expect(closeDisposition(1000)).toBe('ended');
    for (const code of [1008, 1009, 1011, 4001, 4002, 4003, 4004]) {
      expect(closeDisposition(code)).toBe('final');
    }
    for (const code of [1001, 1005, 1006, 1012, 1013, 4000]) {
      expect(closeDisposition(code)).toBe('reconnect');
    }
  });
});

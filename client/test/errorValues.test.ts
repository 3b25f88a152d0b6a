import { afterEach, describe, expect, it } from 'vitest';
import { errorCodeText } from '../src/serverText';
import { setLanguage } from '../src/strings';
import { entryKind, isUnresolvedLink, linkProblem } from '../src/workspace/files/filePanel';

afterEach(() => {
  setLanguage('en');
});

// An `error` frame's values (issue 14): the terminal words the limit, the host, the time in the chosen language.
describe('error values', () => {
  it('words a refusal with the values it names, in both languages', () => {
    const values = { args: { running: '1200', limit: '1200' }, failure: null };
    expect(errorCodeText('too_many_sessions', 'english', values))
      .toBe('refused: you already have 1,200 running sessions (detached ones included) and the limit is 1,200; end one first');
    setLanguage('zh-CN');
    expect(errorCodeText('too_many_sessions', 'english', values)).toBe('已拒绝：你已有 1,200 个运行中的会话（包括已断开的），上限为 1,200；请先结束一个');
    expect(errorCodeText('connect_queue_timeout', 'english', { args: { host: 'db-1', seconds: '120' }, failure: null }))
      .toBe('db-1 繁忙：120 秒内没有空出连接名额，正在重试');
  });

  it('words a connection failure by its detail, and falls back to the plain words when a value is missing', () => {
    setLanguage('zh-CN');
    const failure = { code: 'connection_refused', args: { host: 'db-1', address: '10.0.0.9', port: '2222' } };
    expect(errorCodeText('unreachable', 'english', { args: {}, failure })).toBe('无法连接 db-1（10.0.0.9:2222）：连接被拒绝。');
    expect(errorCodeText('too_many_sessions', 'english', { args: { running: '2' }, failure: null })).toBe('已拒绝：你的会话太多，请先结束一个');
    expect(errorCodeText('too_many_sessions', 'english')).toBe('已拒绝：你的会话太多，请先结束一个');
    expect(errorCodeText('newer_code', 'as the server said', { args: { x: '1' }, failure: null })).toBe('as the server said');
  });

  it('formats only the values that are counts: a host made of digits is shown as sent', () => {
    expect(errorCodeText('connect_queue_full', 'english', { args: { host: '2024' }, failure: null }))
      .toBe('2024 is busy: too many connections are waiting for it; retrying');
    expect(errorCodeText('connect_queue_timeout', 'english', { args: { host: '10000', seconds: '1200' }, failure: null }))
      .toBe('10000 is busy: no connection slot came free within 1,200 s; retrying');
    expect(errorCodeText('host_error', 'english', { args: { error: '12345' }, failure: null }))
      .toBe('the connection to the host was lost: 12345');
  });
});

describe('file panel links', () => {
  it('opens a link as what it points at, and says why one cannot be opened', () => {
    expect(entryKind({ kind: 'link', target: 'file' })).toBe('file');
    expect(entryKind({ kind: 'link', target: 'dir' })).toBe('dir');
    expect(entryKind({ kind: 'link', target: 'missing' })).toBe('link');
    expect(entryKind({ kind: 'link' })).toBe('link');
    expect(entryKind({ kind: 'file' })).toBe('file');
    expect(linkProblem({ kind: 'link', target: 'file' })).toBeNull();
    expect(linkProblem({ kind: 'file' })).toBeNull();
    expect(linkProblem({ kind: 'link', target: 'missing' })).toBe('link to nothing: its target does not exist');
    setLanguage('zh-CN');
    expect(linkProblem({ kind: 'link', target: 'denied' })).toBe('链接：此登录无法读取其目标');
  });

  it('offers a link the server did not resolve both ways, by trying', () => {
    expect(isUnresolvedLink({ kind: 'link', target: 'unknown' })).toBe(true);
    expect(isUnresolvedLink({ kind: 'link', target: 'missing' })).toBe(false);
    expect(isUnresolvedLink({ kind: 'file' })).toBe(false);
    expect(entryKind({ kind: 'link', target: 'unknown' })).toBe('link');
    expect(linkProblem({ kind: 'link', target: 'unknown' })).toBe('link not checked (too many in this folder): open or download it to find out');
  });
});

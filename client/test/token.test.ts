import { describe, expect, it } from 'vitest';
import { rolesFromToken } from '../src/token';

function token(payload: object): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256' })}.${encode(payload)}.signature`;
}

describe('rolesFromToken', () => {
  it('reads one role or several', () => {
    expect(rolesFromToken(token({ role: 'admin' }))).toEqual(['admin']);
    expect(rolesFromToken(token({ role: ['operator', 'auditor'] }))).toEqual(['operator', 'auditor']);
  });

  it('is empty for garbage', () => {
    expect(rolesFromToken('not-a-token')).toEqual([]);
    expect(rolesFromToken('a.!!!.c')).toEqual([]);
    expect(rolesFromToken('a.%%%.b')).toEqual([]);
    expect(rolesFromToken(token({ sub: 'x' }))).toEqual([]);
    expect(rolesFromToken('')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { allGroups, allLabels, fieldErrors, filterHosts, formatLabels, localToIso, parseLabels, parseList, rolesFromToken } from '../src/admin/model';
import type { Host } from '../src/api';

function token(payload: object): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256' })}.${encode(payload)}.signature`;
}

function host(name: string, groups: string[], labels: Record<string, string>): Host {
  return { id: name, name, address: `${name}.lan`, port: 22, username: 'root', hostKeyFingerprint: null, groups, labels, enabled: true, recordInput: false, charset: 'utf-8', description: null, gatewayHostId: null, credentialName: null };
}

describe('rolesFromToken', () => {
  it('reads one role or several', () => {
    expect(rolesFromToken(token({ role: 'admin' }))).toEqual(['admin']);
    expect(rolesFromToken(token({ role: ['operator', 'auditor'] }))).toEqual(['operator', 'auditor']);
  });

  it('is empty for garbage', () => {
    expect(rolesFromToken('not-a-token')).toEqual([]);
    expect(rolesFromToken('a.!!!.c')).toEqual([]);
    expect(rolesFromToken(token({ sub: 'x' }))).toEqual([]);
  });
});

describe('labels and lists', () => {
  it('round-trips labels', () => {
    const labels = parseLabels('env=prod, team = db');
    expect(labels).toEqual({ env: 'prod', team: 'db' });
    expect(formatLabels(labels!)).toBe('env=prod, team=db');
  });

  it('refuses a label without a key', () => {
    expect(parseLabels('=x')).toBeNull();
    expect(parseLabels('novalue')).toBeNull();
    expect(parseLabels('')).toEqual({});
  });

  it('splits lists', () => {
    expect(parseList(' a, b,,c ')).toEqual(['a', 'b', 'c']);
  });
});

describe('filterHosts', () => {
  const hosts = [host('db-1', ['db'], { env: 'prod' }), host('web-1', ['web'], { env: 'dev' }), host('db-2', ['db', 'eu'], { env: 'dev' })];

  it('combines text, group and label', () => {
    expect(filterHosts(hosts, { query: '', group: 'db', label: '' }).map((h) => h.name)).toEqual(['db-1', 'db-2']);
    expect(filterHosts(hosts, { query: '', group: 'db', label: 'env=dev' }).map((h) => h.name)).toEqual(['db-2']);
    expect(filterHosts(hosts, { query: 'WEB', group: '', label: '' }).map((h) => h.name)).toEqual(['web-1']);
  });

  it('lists groups and labels for the filters', () => {
    expect(allGroups(hosts)).toEqual(['db', 'eu', 'web']);
    expect(allLabels(hosts)).toEqual(['env=dev', 'env=prod']);
  });
});

describe('fieldErrors', () => {
  it('takes the first message per field', () => {
    expect(fieldErrors({ errors: { name: ['required', 'other'], Port: ['1 to 65535'] } })).toEqual({ name: 'required', port: '1 to 65535' });
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors({ error: 'x' })).toEqual({});
  });
});

describe('localToIso', () => {
  it('converts datetime-local values', () => {
    expect(localToIso('')).toBeNull();
    expect(localToIso('garbage')).toBeNull();
    expect(localToIso('2030-01-02T03:04')).toMatch(/^2030-01-0\dT\d\d:04:00\.000Z$/);
  });
});

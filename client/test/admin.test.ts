import { describe, expect, it } from 'vitest';
import { allGroups, allLabels, filterHosts, formatLabels, localToIso, parseLabels, parseList } from '../src/admin/model';
import type { Host } from '../src/host';

function host(name: string, groups: string[], labels: Record<string, string>): Host {
  return { id: name, name, address: `${name}.lan`, port: 22, username: 'root', hostKeyFingerprint: null, groups, labels, enabled: true, recordInput: false, requireMfa: false, charset: 'utf-8', description: null, gatewayHostId: null, credentialName: null, idleTimeoutSeconds: null, maxDurationSeconds: null, maxSessionsPerUser: null };
}

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

describe('localToIso', () => {
  it('converts datetime-local values', () => {
    expect(localToIso('')).toBeNull();
    expect(localToIso('garbage')).toBeNull();
    expect(localToIso('2030-01-02T03:04')).toMatch(/^2030-01-0\dT\d\d:04:00\.000Z$/);
  });
});

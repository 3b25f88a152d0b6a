import { describe, expect, it } from 'vitest';
import { formatLabels, grantFlag, localToIso, parseLabels, parseList } from '../src/admin/model';

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

describe('localToIso', () => {
  it('converts datetime-local values', () => {
    expect(localToIso('')).toBeNull();
    expect(localToIso('garbage')).toBeNull();
    expect(localToIso('2030-01-02T03:04')).toMatch(/^2030-01-0\dT\d\d:04:00\.000Z$/);
  });
});

describe('grantFlag', () => {
  it('sends nothing while the box shows the server default, so the grant follows Transfer:DefaultAllow', () => {
    expect(grantFlag(true, true)).toBeNull();
    expect(grantFlag(false, false)).toBeNull();
  });

  it('sends the box when the admin changed it, or when the default is unknown', () => {
    expect(grantFlag(false, true)).toBe(false);
    expect(grantFlag(true, false)).toBe(true);
    expect(grantFlag(true, null)).toBe(true);
    expect(grantFlag(false, null)).toBe(false);
  });
});

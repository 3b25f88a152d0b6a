import { describe, expect, it } from 'vitest';
import { maxTabs, TabStore } from '../src/tabStore';

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

describe('TabStore', () => {
  it('round-trips the tabs and the active one through storage', () => {
    const storage = new MemoryStorage();
    const tabs = [
      { key: 't1', hostId: 'h1', hostName: 'web-1', sessionId: 'a'.repeat(32) },
      { key: 't2', hostId: 'h2', hostName: 'db-1', sessionId: null },
    ];
    new TabStore(storage).save({ user: 'alice', tabs, active: 't2' });
    expect(new TabStore(storage).load('alice')).toEqual({ user: 'alice', tabs, active: 't2' });
  });

  it('never stores anything but ids and names', () => {
    const storage = new MemoryStorage();
    const tab = { key: 't1', hostId: 'h1', hostName: 'web-1', sessionId: 's1', ticket: 'secret' };
    new TabStore(storage).save({ user: 'alice', tabs: [tab], active: 't1' });
    expect([...storage.map.values()].join('')).not.toContain('secret');
  });

  it('gives another user, nothing stored and garbage an empty workspace', () => {
    const storage = new MemoryStorage();
    const store = new TabStore(storage);
    expect(store.load('alice')).toEqual({ user: 'alice', tabs: [], active: null });
    store.save({ user: 'alice', tabs: [{ key: 't1', hostId: 'h1', hostName: 'x', sessionId: 's' }], active: 't1' });
    expect(store.load('bob').tabs).toEqual([]);
    for (const raw of ['{', '42', 'null', '{"user":"alice","tabs":{}}']) {
      storage.setItem('bastion.workspace', raw);
      expect(store.load('alice').tabs).toEqual([]);
    }
  });

  it('drops malformed and duplicate tabs, falls back to the first tab, and keeps at most maxTabs', () => {
    const storage = new MemoryStorage();
    const many = Array.from({ length: maxTabs + 5 }, (_, i) => ({ key: `k${i}`, hostId: `h${i}`, hostName: '', sessionId: '' }));
    storage.setItem('bastion.workspace', JSON.stringify({
      user: 'alice',
      tabs: [{ key: '', hostId: 'h' }, { key: 'k0', hostId: '' }, 'x', null, ...many, { key: 'k1', hostId: 'dup' }],
      active: 'missing',
    }));
    const loaded = new TabStore(storage).load('alice');
    expect(loaded.tabs).toHaveLength(maxTabs);
    expect(loaded.tabs[0]).toEqual({ key: 'k0', hostId: 'h0', hostName: 'h0', sessionId: null });
    expect(loaded.active).toBe('k0');
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: (): string | null => {
        throw new Error('denied');
      },
      setItem: (): void => {
        throw new Error('quota');
      },
      removeItem: (): void => {
        throw new Error('denied');
      },
    };
    const store = new TabStore(broken);
    expect(store.load('alice').tabs).toEqual([]);
    expect(() => store.save({ user: 'alice', tabs: [], active: null })).not.toThrow();
    expect(() => store.clear()).not.toThrow();
  });
});

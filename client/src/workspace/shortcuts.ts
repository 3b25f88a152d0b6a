// A user's favourite and recent hosts (issue 14), from /api/me/favourites: favourites are starred on the server per
// user, recent hosts come from the user's own sessions. The answer carries those hosts themselves, so a list shows
// them first without loading every host; the rest of a list comes a page at a time (listLimit.ts).

import type { ApiClient } from '../api';
import { parseHost, type Host } from '../host';

export interface Shortcuts {
  /** Host ids, newest star first. */
  readonly favourites: readonly string[];
  /** Host ids, latest session first. */
  readonly recent: readonly string[];
  /** The favourite hosts, in the order of `favourites`. */
  readonly favouriteHosts: readonly Host[];
  /** The recent hosts, in the order of `recent`. */
  readonly recentHosts: readonly Host[];
}

export const noShortcuts: Shortcuts = { favourites: [], recent: [], favouriteHosts: [], recentHosts: [] };

export function parseShortcuts(body: unknown): Shortcuts {
  const value = (body ?? {}) as Record<string, unknown>;
  const ids = (key: string): string[] => {
    const list = value[key];
    return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
  };
  const hosts = (key: string): Host[] => {
    const list = value[key];
    return Array.isArray(list) ? list.flatMap((item: unknown) => parseHost(item) ?? []) : [];
  };
  return { favourites: ids('favourites'), recent: ids('recent'), favouriteHosts: hosts('favouriteHosts'), recentHosts: hosts('recentHosts') };
}

/** The user's shortcuts; none when the server cannot say (an older server): the lists still work without them. */
export async function loadShortcuts(api: ApiClient, signal?: AbortSignal): Promise<Shortcuts> {
  try {
    return parseShortcuts(await api.call('GET', '/api/me/favourites', undefined, signal));
  } catch (error) {
    if (signal?.aborted === true) {
      throw error;
    }
    return noShortcuts;
  }
}

export async function setFavourite(api: ApiClient, hostId: string, favourite: boolean): Promise<void> {
  await api.call(favourite ? 'PUT' : 'DELETE', `/api/me/favourites/${encodeURIComponent(hostId)}`);
}

export type HostSection = 'favourites' | 'recent' | 'all';

export interface SectionedHosts {
  readonly section: HostSection;
  readonly hosts: readonly Host[];
}

/** Stars or unstars `host` in `shortcuts` (before the server has answered). */
export function withFavourite(shortcuts: Shortcuts, host: Host, favourite: boolean): Shortcuts {
  const others = shortcuts.favouriteHosts.filter((other) => other.id !== host.id);
  const favouriteHosts = favourite ? [host, ...others] : others;
  return { ...shortcuts, favourites: favouriteHosts.map((other) => other.id), favouriteHosts };
}

/** The hosts in three groups, each host once: favourites (in star order) and recent hosts (not starred) that match
 * `query` (lower case, trimmed), then the page's hosts (`hosts`, already filtered by the server) in its order. */
export function sectionHosts(hosts: readonly Host[], shortcuts: Shortcuts, query = ''): SectionedHosts[] {
  const favourites = shortcuts.favouriteHosts.filter((host) => hostMatches(host, query));
  const starred = new Set(shortcuts.favouriteHosts.map((host) => host.id));
  const recent = shortcuts.recentHosts.filter((host) => !starred.has(host.id) && hostMatches(host, query));
  const first = new Set([...starred, ...recent.map((host) => host.id)]);
  const rest = hosts.filter((host) => !first.has(host.id));
  return [
    { section: 'favourites' as const, hosts: favourites },
    { section: 'recent' as const, hosts: recent },
    { section: 'all' as const, hosts: rest },
  ].filter((group) => group.hosts.length > 0);
}

/** Whether `query` (lower case, trimmed) occurs in the host's name, address, login, labels (`k=v`), groups or description. */
export function hostMatches(host: Host, query: string): boolean {
  if (query === '') {
    return true;
  }
  const fields = [host.name, host.address, host.username, host.description ?? '', ...host.groups, ...Object.entries(host.labels).map(([k, v]) => `${k}=${v}`)];
  return fields.some((field) => field.toLowerCase().includes(query));
}

// A user's favourite and recent hosts (issue 14), from /api/me/favourites: favourites are starred on the server per
// user, recent hosts come from the user's own sessions. Pages list them first; the star toggles one.

import type { ApiClient } from '../api';
import type { Host } from '../host';

export interface Shortcuts {
  /** Host ids, newest star first. */
  readonly favourites: readonly string[];
  /** Host ids, latest session first. */
  readonly recent: readonly string[];
}

export const noShortcuts: Shortcuts = { favourites: [], recent: [] };

export function parseShortcuts(body: unknown): Shortcuts {
  const value = (body ?? {}) as Record<string, unknown>;
  const ids = (key: string): string[] => {
    const list = value[key];
    return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
  };
  return { favourites: ids('favourites'), recent: ids('recent') };
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

/** The hosts in three groups, each host once: favourites (in star order), recent (not starred), then the rest by name. */
export function sectionHosts(hosts: readonly Host[], shortcuts: Shortcuts): SectionedHosts[] {
  const byId = new Map(hosts.map((host) => [host.id, host]));
  const favourites = shortcuts.favourites.flatMap((id) => byId.get(id) ?? []);
  const starred = new Set(favourites.map((host) => host.id));
  const recent = shortcuts.recent.filter((id) => !starred.has(id)).flatMap((id) => byId.get(id) ?? []);
  const first = new Set([...starred, ...recent.map((host) => host.id)]);
  const rest = hosts.filter((host) => !first.has(host.id)).sort((a, b) => a.name.localeCompare(b.name));
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

// `GET /api/hosts` a page at a time (issue 14): the query string of a filter and a cursor, and the page read from the
// answer (the body is the list of hosts; the total of matching hosts and the next page's cursor come as headers).

import { parseHosts } from './terminal';
import type { Host } from '../host';

export interface HostPageQuery {
  /** Name, address, login, description, label or group substring, any case. */
  readonly q?: string;
  /** A group the hosts are in. */
  readonly group?: string;
  /** A label `key=value` the hosts have. */
  readonly label?: string;
  /** Only these hosts. */
  readonly ids?: readonly string[];
  /** The inventory (admins): disabled hosts too. */
  readonly all?: boolean;
  /** The previous page's `next`. */
  readonly after?: string;
  readonly limit?: number;
}

export interface HostPage {
  readonly hosts: Host[];
  /** How many hosts match in all (the page's length when an older server does not say). */
  readonly total: number;
  /** The cursor of the next page; null on the last one. */
  readonly next: string | null;
}

export function hostPagePath(query: HostPageQuery): string {
  const params = new URLSearchParams();
  if (query.all === true) {
    params.set('all', '1');
  }
  for (const key of ['q', 'group', 'label', 'after'] as const) {
    const value = query[key]?.trim();
    if (value !== undefined && value !== '') {
      params.set(key, value);
    }
  }
  for (const id of query.ids ?? []) {
    params.append('id', id);
  }
  if (query.limit !== undefined) {
    params.set('limit', String(query.limit));
  }
  const text = params.toString();
  return text === '' ? '/api/hosts' : `/api/hosts?${text}`;
}

export function parseHostPage(body: unknown, headers: Pick<Headers, 'get'>): HostPage {
  const hosts = parseHosts(body);
  const total = Number.parseInt(headers.get('X-Total-Count') ?? '', 10);
  const next = headers.get('X-Next-Cursor');
  return { hosts, total: Number.isInteger(total) && total >= hosts.length ? total : hosts.length, next: next === null || next === '' ? null : decodeURIComponent(next) };
}

// Pure helpers of the admin pages: label and list text, host filtering, form dates.

import type { Host } from '../host';

/** `env=prod, team=db` → `{env: 'prod', team: 'db'}`; null when a part has no `=` or an empty key. */
export function parseLabels(text: string): Record<string, string> | null {
  const labels: Record<string, string> = {};
  for (const part of text.split(/[,\n]/)) {
    const trimmed = part.trim();
    if (trimmed === '') {
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0) {
      return null;
    }
    labels[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  return labels;
}

export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** `a, b,,c` → `['a', 'b', 'c']`. */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export interface HostFilter {
  readonly query: string;
  /** A group name, or '' for any. */
  readonly group: string;
  /** `key=value`, or '' for any. */
  readonly label: string;
}

export function filterHosts(hosts: readonly Host[], filter: HostFilter): Host[] {
  const query = filter.query.trim().toLowerCase();
  return hosts.filter((host) => {
    if (query !== '' && ![host.name, host.address, host.username, host.description ?? ''].some((f) => f.toLowerCase().includes(query))) {
      return false;
    }
    if (filter.group !== '' && !host.groups.includes(filter.group)) {
      return false;
    }
    if (filter.label !== '') {
      const eq = filter.label.indexOf('=');
      const key = filter.label.slice(0, eq);
      if (host.labels[key] !== filter.label.slice(eq + 1)) {
        return false;
      }
    }
    return true;
  });
}

export function allGroups(hosts: readonly Host[]): string[] {
  return [...new Set(hosts.flatMap((host) => host.groups))].sort();
}

export function allLabels(hosts: readonly Host[]): string[] {
  return [...new Set(hosts.flatMap((host) => Object.entries(host.labels).map(([k, v]) => `${k}=${v}`)))].sort();
}

/** A `datetime-local` input value as an ISO instant, or null when empty. */
export function localToIso(value: string): string | null {
  if (value.trim() === '') {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

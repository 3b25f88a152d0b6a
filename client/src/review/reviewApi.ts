// Calls of the review pages. Same rules as ../api.ts: bearer token from the session store, and a 401 ends the
// session. Downloads go through fetch (the token is never put in a URL) and are handed to the browser as blobs.

import type { AppContext } from '../pages/page';

export class ReviewError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}

export async function authorizedFetch(context: AppContext, path: string, signal?: AbortSignal, method = 'GET'): Promise<Response> {
  const session = context.sessions.get();
  if (!session) {
    context.api.logout();
    context.navigate({ page: 'login' });
    throw new ReviewError(401, 'signed out');
  }
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${session.token}` },
    cache: 'no-store',
    credentials: 'same-origin',
    ...(signal ? { signal } : {}),
  });
  if (response.status === 401) {
    context.api.logout();
    context.navigate({ page: 'login' });
    throw new ReviewError(401, 'signed out');
  }
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as Record<string, unknown>;
      if (typeof body['error'] === 'string') {
        message = body['error'];
      }
    } catch {
      // not JSON
    }
    throw new ReviewError(response.status, message);
  }
  return response;
}

export async function getJson(context: AppContext, path: string, signal?: AbortSignal): Promise<unknown> {
  return (await authorizedFetch(context, path, signal)).json();
}

/** Saves a download under `fileName` without exposing the token in a URL. */
export async function download(context: AppContext, path: string, fileName: string): Promise<void> {
  const blob = await (await authorizedFetch(context, path)).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A query string from the non-empty values. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && String(value).trim() !== '') {
      params.set(key, String(value).trim());
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) {
    return '';
  }
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** The `role` claims of a JWT (read for showing links only; the server enforces every permission itself). */
export function rolesOf(token: string): string[] {
  const payload = token.split('.')[1];
  if (!payload) {
    return [];
  }
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const role = (JSON.parse(json) as Record<string, unknown>)['role'];
    return Array.isArray(role) ? role.filter((r): r is string => typeof r === 'string') : typeof role === 'string' ? [role] : [];
  } catch {
    return [];
  }
}

/** Tells the server the user logged out (for the audit log); best effort, the token is dropped either way. */
export function reportLogout(token: string | undefined): void {
  if (!token) {
    return;
  }
  void fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, keepalive: true }).catch(() => undefined);
}

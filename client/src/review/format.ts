// Text helpers of the review pages: server values as display text, byte counts and durations, in the chosen language.

import { formatNumber } from '../serverText';
import { t } from '../strings';

/** A server value as text: strings as they are, numbers and booleans printed, objects as JSON, nothing as ''. */
export function text(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : '';
}

/** `1023 B`, `1.5 KiB`, `5.0 GiB`: binary units, the number in the chosen language's format. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${formatNumber(bytes)} B`;
  }
  const units = ['KiB', 'MiB', 'GiB'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, 1, true)} ${units[unit] ?? 'GiB'}`;
}

/** `4s`, `2m 5s`, `1h 2m` (`4 秒`, `2 分 5 秒`, `1 小时 2 分`). */
export function formatDuration(ms: number | null): string {
  if (ms === null) {
    return '';
  }
  const s = Math.round(ms / 1000);
  if (s < 60) {
    return t('durationSeconds', { s });
  }
  return s < 3600
    ? t('durationMinutes', { m: Math.floor(s / 60), s: s % 60 })
    : t('durationHours', { h: formatNumber(Math.floor(s / 3600)), m: Math.floor((s % 3600) / 60) });
}

/** A short time in milliseconds (a transfer's): `840 ms`, `12,300 ms` / `840 毫秒`. */
export function formatMilliseconds(ms: number): string {
  return t('durationMilliseconds', { ms: formatNumber(ms) });
}

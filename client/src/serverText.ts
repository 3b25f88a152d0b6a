// The server's machine-readable values in the user's language (issue 14): error codes, close codes, problem codes
// and times. Each falls back to what the server sent (its message, else the code itself), so a code from a newer
// server is still shown, never dropped. The server-side list of codes is checked against the string tables by
// Bastion.Tests/Unit/ServerTextLabelsTests.

import { ApiError } from './apiErrors';
import { getLanguage, lookup } from './strings';

/** An `error` message's code (`host_key_mismatch`) in words; else the server's message, else the code. */
export function errorCodeText(code: string, message = ''): string {
  return (code === '' ? undefined : lookup(`error_${code}`)) ?? (message === '' ? code : message);
}

/** A WebSocket close code Bastion defines (4001 taken over, 1013 busy...) in words; undefined for others. */
export function closeCodeText(code: number): string | undefined {
  return lookup(`close_${code}`);
}

/** An API failure in words: the problem's `code` when the table knows it, else the server's message. */
export function problemText(reason: unknown): string {
  if (reason instanceof ApiError) {
    const known = reason.problemCode === undefined ? undefined : lookup(`problem_${reason.problemCode}`);
    return known ?? reason.message;
  }
  return reason instanceof Error ? reason.message : String(reason);
}

/** A time (ISO text, epoch ms or Date) in the chosen language and the browser's time zone; '' for none, the text
 * itself when it is not a time. */
export function formatDateTime(value: string | number | Date | null | undefined, withSeconds = false): string {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return String(value);
  }
  return new Intl.DateTimeFormat(getLanguage(), { dateStyle: 'medium', timeStyle: withSeconds ? 'medium' : 'short' }).format(date);
}

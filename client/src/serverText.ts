// The server's machine-readable values in the user's language (issue 14): error codes, close codes, problem codes
// and times. Each falls back to what the server sent (its message, else the code itself), so a code from a newer
// server is still shown, never dropped. The server-side list of codes is checked against the string tables by
// Bastion.Tests/Unit/ServerTextLabelsTests.

import { ApiError, ValidationError } from './apiErrors';
import { getLanguage, lookup, t } from './strings';

/** What an `error` message's English was made from (issue 14): `args` (which limit, which host, how long) and, for a
 * connection failure, the same `failure` detail a problem reply carries. */
export interface ErrorValues {
  readonly args: Readonly<Record<string, string>>;
  readonly failure: FailureDetail | null;
}

export const noErrorValues: ErrorValues = { args: {}, failure: null };

/** An `error` message's code (`host_key_mismatch`) in words, with its values when the server sent them: a connection
 * failure in its own words (the host, address, fingerprints), else `errorWith_<code>` filled from `args` when every
 * value it names came, else the code's plain words, else the server's message, else the code. */
export function errorCodeText(code: string, message = '', values: ErrorValues = noErrorValues): string {
  const failure = failureDetailText(values.failure);
  if (failure !== undefined) {
    return failure;
  }
  const withValues = code === '' ? undefined : lookup(`errorWith_${code}`);
  if (withValues !== undefined) {
    const text = fill(withValues, numbers(values.args));
    if (!/\{\w+\}/.test(text)) {
      return text;
    }
  }
  return (code === '' ? undefined : lookup(`error_${code}`)) ?? (message === '' ? code : message);
}

/** The `args` the server sends as counts (`SessionLimitGuard`: running, limit; `QueuedConnector`: seconds;
 * `TerminalLimits`: the size bounds). Only these are numbers: a host, a port or an error text made of digits is a
 * name, shown as sent (a host named 2024 is not "2,024"). */
const numericArgs: ReadonlySet<string> = new Set(['running', 'limit', 'seconds', 'minCols', 'maxCols', 'minRows', 'maxRows']);

/** The numeric values (`numericArgs`, whole numbers) in the chosen language's number format; others as sent. */
function numbers(args: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(args)) {
    out[name] = numericArgs.has(name) && /^\d{1,15}$/.test(value) ? formatNumber(Number(value)) : value;
  }
  return out;
}

/** A limit `warning` (`idle_timeout_soon` with the seconds left) in words; else the server's message. */
export function warningText(code: string, message: string, seconds: number | null): string {
  const words = code === '' ? undefined : lookup(`warning_${code}`);
  return words === undefined || seconds === null ? message : fill(words, { seconds: formatNumber(seconds) });
}

/** A WebSocket close code Bastion defines (4001 taken over, 1013 busy...) in words; undefined for others. */
export function closeCodeText(code: number): string | undefined {
  return lookup(`close_${code}`);
}

/** An API failure in words: a form's field messages (already in the user's language), the problem's `code` when the
 * table knows it (its `args` filled in: `problem_host_name_taken` names the host; an `{error}` that is a connection
 * failure the server sent as `failure` is worded too), else the server's message. */
export function problemText(reason: unknown): string {
  if (reason instanceof ValidationError) {
    const fields = Object.values(reason.fields);
    if (fields.length > 0) {
      return fields.join('; ');
    }
  }
  if (reason instanceof ApiError) {
    const known = reason.problemCode === undefined ? undefined : lookup(`problem_${reason.problemCode}`);
    if (known === undefined) {
      return reason.message;
    }
    const failure = failureDetailText(reason.problemFailure);
    return fill(known, failure === undefined ? reason.problemArgs : { ...reason.problemArgs, error: failure });
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

/** A count or a size in the chosen language's number format (its digit grouping and decimal sign, whatever the
 * browser's own locale), with at most `fractionDigits` decimals, exactly that many when `fixed`. */
export function formatNumber(value: number, fractionDigits = 0, fixed = false): string {
  return new Intl.NumberFormat(getLanguage(), { maximumFractionDigits: fractionDigits, minimumFractionDigits: fixed ? fractionDigits : 0 }).format(value);
}

/** An audit event's coded text: the words of its `<field>Code` (a `Core/Validation/ReplyCodes` code: a transfer's
 * `reasonCode`, a kept copy's `copyReasonCode`) with the `<field>.<name>` values filled in, else its English `<field>`. */
export function codedEventText(data: Readonly<Record<string, unknown>>, field: string): string {
  const code = data[`${field}Code`];
  const words = typeof code === 'string' && code !== '' ? lookup(`problem_${code}`) : undefined;
  const english = data[field];
  if (words === undefined) {
    return typeof english === 'string' ? english : '';
  }
  return words.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = data[`${field}.${name}`];
    return typeof value === 'string' ? value : whole;
  });
}

/** A failure's message as a code and its values (server `Core/Ssh/FailureDetail`): `{host}`, `{address}`... */
export interface FailureDetail {
  readonly code: string;
  readonly args: Readonly<Record<string, string>>;
}

/** A tolerant parse of a `detail` object; null when it is missing or has no code. */
export function parseFailureDetail(value: unknown): FailureDetail | null {
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const raw = value as Record<string, unknown>;
  if (typeof raw['code'] !== 'string' || raw['code'] === '') {
    return null;
  }
  return { code: raw['code'], args: stringArgs(raw['args']) };
}

/** The string values of an `args` object (an error message's, a problem's, a failure detail's); anything else in it,
 * or an `args` that is not an object, is left out. */
export function stringArgs(value: unknown): Record<string, string> {
  const args: Record<string, string> = {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [name, arg] of Object.entries(value as Record<string, unknown>)) {
      if (typeof arg === 'string') {
        args[name] = arg;
      }
    }
  }
  return args;
}

/** A failure detail in the chosen language with its values filled in (a failure at a gateway says so); undefined when
 * the table has no words for the code (a newer server): the caller then shows the server's message. */
export function failureDetailText(detail: FailureDetail | null): string | undefined {
  const words = detail === null ? undefined : lookup(`detail_${detail.code}`);
  if (detail === null || words === undefined) {
    return undefined;
  }
  const text = fill(words, detail.args);
  const target = detail.args['gatewayFor'];
  return target === undefined ? text : t('detailGateway', { gateway: detail.args['host'] ?? '', host: target, detail: text });
}

/** `{name}` placeholders filled from `values`; one with no value stays as written. */
function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

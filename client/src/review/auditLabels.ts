// Display text of the audit log's values: event types, end reasons, field names and times, in the current language.
// A value the string table does not know (a newer server's) is shown as it is, never dropped.

import { getLanguage, lookup } from '../strings';

const keyOf = (prefix: string, value: string): string => prefix + value.replaceAll('.', '_');

/** `session.ended` → "Session ended" / "会话结束". */
export function eventTypeLabel(type: string): string {
  return lookup(keyOf('eventType_', type)) ?? type;
}

/** `idle_timeout` → "idle timeout" / "空闲超时". */
export function reasonLabel(reason: string): string {
  return lookup(keyOf('reason_', reason)) ?? reason;
}

/** A file transfer's `outcome`: `ok` → "done" / "完成", a transfer code (`permission_denied`) in words. */
export function outcomeLabel(outcome: string): string {
  return lookup(outcome === 'ok' ? 'outcome_ok' : `problem_${outcome}`) ?? outcome;
}

/** `exit_status` → "Exit status"; a camelCase field of a changed object (`hostId`) is shown as it is. */
export function fieldLabel(field: string): string {
  return lookup(keyOf('field_', field)) ?? field;
}

/** A time in the page's language and the browser's time zone, with seconds (an audit trail needs them). */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(getLanguage(), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

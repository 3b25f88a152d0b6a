// An audit event's data as labelled fields. Admin changes carry `before` / `after` as JSON text: they are parsed and
// shown as the fields that changed (created or deleted objects as their fields). Ids of hosts and users are shown as
// their names where the server resolved them (the page's `names`), reasons in words; every value stays visible text
// (control characters escaped) and is set as text, never as HTML.

import { h } from '../dom';
import { codedEventText } from '../serverText';
import { t } from '../strings';
import { visible } from './commands';
import { fieldLabel, formatTime, outcomeLabel, reasonLabel } from './auditLabels';
import { text } from './format';

export type Names = Readonly<Record<string, string>>;

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An ISO 8601 date and time as the server writes them (`2026-12-02T16:40:00+00:00`, `…Z`). */
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Fields not repeated in the details: the host has its own column. */
const hidden = new Set(['host']);

/** The code and values of a coded English field (a transfer's `reasonCode`, `reason.path`): worded into that field. */
const codedParts = /^(reason|copyReason)(Code|\..+)$/;

export function auditDetails(data: Readonly<Record<string, unknown>>, names: Names): HTMLElement {
  const list = h('dl', { className: 'audit-fields' });
  const before = parseObject(data['before']);
  const after = parseObject(data['after']);
  for (const [key, value] of Object.entries(data)) {
    if (hidden.has(key) || codedParts.test(key) || value === null || value === '' || ((key === 'before' || key === 'after') && (before ?? after))) {
      continue;
    }
    const coded = typeof data[`${key}Code`] === 'string' ? visible(codedEventText(data, key)) : undefined;
    add(list, fieldLabel(key), coded ?? show(key, value, names));
  }
  if (before && after) {
    for (const key of union(before, after)) {
      const was = show(key, before[key], names);
      const now = show(key, after[key], names);
      if (was !== now) {
        add(list, fieldLabel(key), `${was || '∅'} → ${now || '∅'}`, 'audit-change');
      }
    }
  } else {
    for (const [key, value] of Object.entries(after ?? before ?? {})) {
      if (value !== null && value !== '') {
        add(list, fieldLabel(key), show(key, value, names));
      }
    }
  }
  if (list.childElementCount === 0) {
    list.append(h('dd', {}, t('auditNoDetails')));
  }
  return list;
}

function add(list: HTMLElement, label: string, value: string, className = ''): void {
  list.append(h('dt', { className }, label), h('dd', { className }, value));
}

function show(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.map((item) => show(key, item, names)).join(', ');
  }
  const raw = text(value);
  if (guid.test(raw)) {
    return visible(names[raw.toLowerCase()] ?? raw.slice(0, 8));
  }
  if (isoTime.test(raw)) {
    return formatTime(raw); // a grant's window, an invitation's expiry: in the page's language, like the row's time
  }
  if (key === 'outcome') {
    return visible(outcomeLabel(raw)); // a file transfer's: ok or its transfer code
  }
  if (key === 'copyKept') {
    return raw === 'true' ? t('yes') : raw === 'false' ? t('no') : visible(raw);
  }
  return visible(key === 'reason' ? reasonLabel(raw) : raw);
}

function parseObject(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'string' || !value.startsWith('{')) {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function union(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

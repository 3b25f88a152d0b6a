import '../review/review.css';
import { queryString } from '../api';
import { UnauthorizedError } from '../apiErrors';
import { h, replaceChildren, saveFile } from '../dom';
import { auditDetails, type Names } from '../review/auditDetails';
import { eventTypeLabel, formatTime } from '../review/auditLabels';
import { visible } from '../review/commands';
import { text } from '../review/format';
import { routeHash } from '../router';
import { t } from '../strings';
import type { Page } from './page';
import { topBar } from './topbar';
import { problemText } from '../serverText';

/** The filters the page keeps in its address (`#/audit?host=web&type=session`), so a view can be shared. */
type FilterName = 'from' | 'to' | 'user' | 'host' | 'type' | 'session';

const livePeriodMs = 5000;

interface AuditRow {
  readonly sequence: number;
  readonly time: string;
  readonly type: string;
  readonly actor: string;
  readonly clientAddress: string;
  readonly sessionId: string;
  readonly hostId: string;
  readonly data: Record<string, unknown>;
}

/** `#/audit`: the audit log with filters, paging, live refresh and exports (auditors and admins). */
export const auditPage: Page = (root, context) => {
  const abort = new AbortController();
  document.title = `${t('auditTitle')} · Bastion`;

  const input = (id: string, label: string, type = 'text'): HTMLInputElement =>
    h('input', { id, type, 'aria-label': label, placeholder: label, autocomplete: 'off', spellcheck: 'false' });
  const from = input('audit-from', t('filterFrom'), 'datetime-local');
  const to = input('audit-to', t('filterTo'), 'datetime-local');
  const user = input('audit-user', t('filterUser'));
  const host = input('audit-host', t('filterHost'));
  const session = input('audit-session', t('filterSession'));
  const type = h('select', { id: 'audit-type', 'aria-label': t('filterType') }, h('option', { value: '' }, `${t('filterType')}: *`));
  const apply = h('button', { type: 'submit', id: 'audit-apply', className: 'button primary' }, t('apply'));
  const live = h('input', { id: 'audit-live', type: 'checkbox' });
  const csv = h('button', { type: 'button', id: 'audit-export-csv', className: 'button' }, t('exportCsv'));
  const jsonl = h('button', { type: 'button', id: 'audit-export-jsonl', className: 'button' }, t('exportJsonl'));
  const older = h('button', { type: 'button', id: 'audit-older', className: 'button', hidden: true }, t('older'));
  const status = h('div', { id: 'audit-status', className: 'panel-message', role: 'status' }, t('loading'));
  const body = h('tbody');
  const table = h('table', { id: 'audit-table', className: 'data-table review-table', hidden: true },
    h('thead', {}, h('tr', {}, ...[t('colTime'), t('colType'), t('colUser'), t('colIp'), t('colHost'), t('colSession'), t('colDetails')]
      .map((label) => h('th', { scope: 'col' }, label)))),
    body);

  const filters = (): Record<FilterName, string | undefined> => ({
    from: toIso(from.value),
    to: toIso(to.value),
    user: user.value,
    host: host.value,
    type: type.value,
    session: session.value,
  });

  // The address's filters fill the form first; the type list arrives from the server (the one list of types).
  const initial = new URLSearchParams(location.hash.split('?')[1] ?? '');
  from.value = fromIso(initial.get('from'));
  to.value = fromIso(initial.get('to'));
  user.value = initial.get('user') ?? '';
  host.value = initial.get('host') ?? '';
  session.value = initial.get('session') ?? '';
  const wantedType = initial.get('type') ?? '';
  const typesLoaded = context.api.call('GET', '/api/audit/types', undefined, abort.signal).then(
    (result) => {
      const types = ((result as { types?: unknown[] }).types ?? []).filter((v): v is string => typeof v === 'string');
      type.append(...typeOptions(types));
      type.value = wantedType;
    },
    () => undefined,
  );
  const share = (): void => {
    const query = queryString(filters());
    history.replaceState(null, '', `${routeHash({ page: 'audit' })}${query}`);
  };

  let next: number | null = null;
  let timer: number | undefined;

  const load = (append: boolean): void => {
    const query = queryString({ ...filters(), before: append && next !== null ? next : undefined, limit: 100 });
    context.api.call('GET', `/api/audit/events${query}`, undefined, abort.signal).then(
      (result) => {
        const value = result as { events?: unknown[]; next?: number | null; names?: Record<string, unknown> };
        const names = toNames(value.names);
        const rows = (value.events ?? []).map(toRow);
        next = typeof value.next === 'number' ? value.next : null;
        if (append) {
          body.append(...rows.map((row) => auditRow(row, names)));
        } else {
          replaceChildren(body, ...rows.map((row) => auditRow(row, names)));
        }
        table.hidden = body.childElementCount === 0;
        older.hidden = next === null;
        status.hidden = body.childElementCount > 0;
        status.textContent = body.childElementCount > 0 ? '' : t('noEvents');
      },
      (reason: unknown) => {
        if (abort.signal.aborted || reason instanceof UnauthorizedError) {
          return;
        }
        status.hidden = false;
        status.textContent = t('loadFailed', { error: problemText(reason) });
      },
    );
  };

  const form = h('form', { id: 'audit-filters', className: 'review-filters' }, from, to, user, host, type, session, apply,
    h('label', { className: 'review-live' }, live, ` ${t('liveRefresh')}`), csv, jsonl);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    share();
    load(false);
  });
  live.addEventListener('change', () => {
    window.clearInterval(timer);
    timer = live.checked ? window.setInterval(() => load(false), livePeriodMs) : undefined;
  });
  older.addEventListener('click', () => load(true));
  const download = (path: string, fileName: string): void => {
    context.api.blob(`${path}${queryString(filters())}`).then((blob) => {
      saveFile(blob, fileName);
    }, () => undefined);
  };
  csv.addEventListener('click', () => {
    download('/api/audit/events.csv', 'bastion-audit.csv');
  });
  jsonl.addEventListener('click', () => {
    download('/api/audit/events.jsonl', 'bastion-audit.jsonl');
  });

  root.append(topBar(context), h('main', { className: 'page' },
    h('div', { className: 'page-head' }, h('h1', {}, t('auditTitle')), h('p', { className: 'hint' }, t('auditShareHint'))),
    form,
    h('section', { className: 'panel' }, table, status, older)));
  void typesLoaded.then(() => {
    load(false);
  });
  return () => {
    abort.abort();
    window.clearInterval(timer);
  };
};

function toIso(local: string): string | undefined {
  if (local === '') {
    return undefined;
  }
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** `datetime-local` wants local `YYYY-MM-DDTHH:mm`; the address keeps ISO 8601 (UTC). */
function fromIso(iso: string | null): string {
  if (iso === null || iso === '') {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Options grouped by the type's first part (`host`, `session`, ...), each group led by "host.* (all)". */
function typeOptions(types: readonly string[]): HTMLOptGroupElement[] {
  const groups = new Map<string, string[]>();
  for (const name of types) {
    const group = name.split('.')[0] ?? name;
    groups.set(group, [...(groups.get(group) ?? []), name]);
  }
  return [...groups].map(([group, names]) => h('optgroup', { label: group },
    ...(names.length > 1 ? [h('option', { value: group }, t('auditAllOfGroup', { group }))] : []),
    ...names.map((name) => h('option', { value: name, title: name }, eventTypeLabel(name)))));
}

function toNames(value: unknown): Names {
  const names: Record<string, string> = {};
  if (typeof value === 'object' && value !== null) {
    for (const [id, name] of Object.entries(value as Record<string, unknown>)) {
      if (typeof name === 'string') {
        names[id.toLowerCase()] = name;
      }
    }
  }
  return names;
}

function toRow(item: unknown): AuditRow {
  const value = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  const data = value['data'];
  return {
    sequence: typeof value['sequence'] === 'number' ? value['sequence'] : 0,
    time: text(value['time']),
    type: text(value['type']),
    actor: text(value['actor']),
    clientAddress: text(value['clientAddress']),
    sessionId: text(value['sessionId']),
    hostId: text(value['hostId']),
    data: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {},
  };
}

function auditRow(row: AuditRow, names: Names): HTMLTableRowElement {
  const session = row.sessionId === ''
    ? ''
    : h('a', { className: 'audit-session', href: routeHash({ page: 'session', sessionId: row.sessionId }) }, row.sessionId.slice(0, 8));
  const hostName = names[row.hostId.toLowerCase()] ?? text(row.data['host']);
  return h('tr', { className: 'audit-row', 'data-sequence': row.sequence, 'data-type': row.type },
    h('td', { className: 'nowrap', title: row.time }, formatTime(row.time)),
    h('td', { title: row.type }, visible(eventTypeLabel(row.type))),
    h('td', {}, visible(row.actor || text(row.data['user']))),
    h('td', {}, visible(row.clientAddress)),
    h('td', { className: 'audit-host', title: row.hostId }, visible(hostName || row.hostId.slice(0, 8))),
    h('td', {}, session),
    h('td', { className: 'audit-details' }, auditDetails(row.data, names)));
}

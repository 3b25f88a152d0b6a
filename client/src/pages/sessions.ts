import '../review/review.css';
import { h, replaceChildren } from '../dom';
import { visible } from '../review/commands';
import { authorizedFetch, formatBytes, formatDuration, getJson, queryString, ReviewError, rolesOf, text } from '../review/reviewApi';
import { rt } from '../review/strings';
import { routeHash } from '../router';
import type { Page } from './page';
import { topBar } from './topbar';

const refreshMs = 5000;

/** `#/sessions`: active and past sessions (all for auditors and admins, one's own for others) → the player. */
export const sessionsPage: Page = (root, context) => {
  const abort = new AbortController();
  document.title = `${rt('sessionsTitle')} · Bastion`;

  const user = h('input', { id: 'sessions-user', type: 'text', placeholder: rt('filterUser'), 'aria-label': rt('filterUser'), autocomplete: 'off' });
  const host = h('input', { id: 'sessions-host', type: 'text', placeholder: rt('filterHost'), 'aria-label': rt('filterHost'), autocomplete: 'off' });
  const apply = h('button', { type: 'submit', id: 'sessions-apply', className: 'button primary' }, rt('apply'));
  const status = h('div', { id: 'sessions-status', className: 'panel-message', role: 'status' }, rt('loading'));
  const body = h('tbody');
  const table = h('table', { id: 'sessions-table', className: 'data-table review-table', hidden: true },
    h('thead', {}, h('tr', {}, ...[rt('colUser'), rt('colHost'), rt('colStart'), rt('colDuration'), rt('colBytes'), rt('colEnd'), '']
      .map((label) => h('th', { scope: 'col' }, label)))),
    body);

  const isAdmin = rolesOf(context.sessions.get()?.token ?? '').includes('admin');
  const kill = (id: string, user: string): void => {
    if (!window.confirm(rt('killConfirm', { user }))) {
      return;
    }
    authorizedFetch(context, `/api/sessions/${encodeURIComponent(id)}/kill`, undefined, 'POST').then(load, (reason: unknown) => {
      status.hidden = false;
      status.textContent = rt('loadFailed', { error: reason instanceof Error ? reason.message : String(reason) });
    });
  };

  const load = (): void => {
    getJson(context, `/api/sessions${queryString({ user: user.value, host: host.value, limit: 200 })}`, abort.signal).then(
      (result) => {
        const sessions = ((result as { sessions?: unknown[] }).sessions ?? []) as Record<string, unknown>[];
        replaceChildren(body, ...sessions.map((session) => sessionRow(session, isAdmin ? kill : null)));
        table.hidden = sessions.length === 0;
        status.hidden = sessions.length > 0;
        status.textContent = sessions.length > 0 ? '' : rt('noSessions');
      },
      (reason: unknown) => {
        if (abort.signal.aborted || (reason instanceof ReviewError && reason.status === 401)) {
          return;
        }
        status.hidden = false;
        status.textContent = rt('loadFailed', { error: reason instanceof Error ? reason.message : String(reason) });
      },
    );
  };

  const form = h('form', { id: 'sessions-filters', className: 'review-filters' }, user, host, apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });

  root.append(topBar(context), h('main', { className: 'page' },
    h('div', { className: 'page-head' }, h('h1', {}, rt('sessionsTitle'))),
    form,
    h('section', { className: 'panel' }, table, status)));
  load();
  const timer = window.setInterval(load, refreshMs);
  return () => {
    abort.abort();
    window.clearInterval(timer);
  };
};

function sessionRow(session: Record<string, unknown>, kill: ((id: string, user: string) => void) | null): HTMLTableRowElement {
  const id = text(session['id']);
  const active = session['active'] === true;
  const num = (key: string): number => (typeof session[key] === 'number' ? (session[key] as number) : 0);
  return h('tr', { className: 'session-row', 'data-session-id': id, 'data-active': active ? 'true' : 'false' },
    h('td', {}, visible(text(session['user']))),
    h('td', {}, visible(`${text(session['login'])}@${text(session['hostName'])}`)),
    h('td', { className: 'nowrap' }, new Date(text(session['startedAt'])).toLocaleString()),
    h('td', {}, active ? h('span', { className: 'badge' }, rt('active')) : formatDuration(typeof session['durationMs'] === 'number' ? session['durationMs'] : null)),
    h('td', { className: 'nowrap' }, `${formatBytes(num('bytesIn'))} / ${formatBytes(num('bytesOut'))}`),
    h('td', {}, visible(text(session['endReason']))),
    h('td', { className: 'actions' },
      h('a', { className: 'button small session-play', href: routeHash({ page: 'session', sessionId: id }) }, rt('play')),
      active && kill !== null && killButton(() => kill(id, text(session['user'])))));
}

function killButton(onClick: () => void): HTMLButtonElement {
  const button = h('button', { type: 'button', className: 'button small session-kill' }, rt('kill'));
  button.addEventListener('click', onClick);
  return button;
}

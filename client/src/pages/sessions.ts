import '../review/review.css';
import { queryString } from '../api';
import { UnauthorizedError } from '../apiErrors';
import { h, replaceChildren } from '../dom';
import { reasonLabel } from '../review/auditLabels';
import { visible } from '../review/commands';
import { formatBytes, formatDuration, text } from '../review/format';
import { routeHash } from '../router';
import { t } from '../strings';
import { rolesFromToken } from '../token';
import { mySessions } from './mySessions';
import { listMyInvitations, type Invitation } from './invite';
import { invitePanel } from './inviteDialog';
import type { Page } from './page';
import { topBar } from './topbar';
import { formatDateTime, problemText } from '../serverText';
import { recordingSearchPanel } from '../review/recordingSearch';

const refreshMs = 5000;

/** `#/sessions`: active and past sessions (all for auditors and admins, one's own for others) → the player. */
export const sessionsPage: Page = (root, context) => {
  const abort = new AbortController();
  document.title = `${t('sessionsTitle')} · Bastion`;

  const user = h('input', { id: 'sessions-user', type: 'text', placeholder: t('filterUser'), 'aria-label': t('filterUser'), autocomplete: 'off' });
  const host = h('input', { id: 'sessions-host', type: 'text', placeholder: t('filterHost'), 'aria-label': t('filterHost'), autocomplete: 'off' });
  const apply = h('button', { type: 'submit', id: 'sessions-apply', className: 'button primary' }, t('apply'));
  const status = h('div', { id: 'sessions-status', className: 'panel-message', role: 'status' }, t('loading'));
  const body = h('tbody');
  const table = h('table', { id: 'sessions-table', className: 'data-table review-table', hidden: true },
    h('thead', {}, h('tr', {}, ...[t('colUser'), t('colHost'), t('colStart'), t('colDuration'), t('colBytes'), t('colEnd'), '']
      .map((label) => h('th', { scope: 'col' }, label)))),
    body);

  const mine = mySessions(context, abort.signal);
  const roles = rolesFromToken(context.sessions.get()?.token ?? '');
  const isAdmin = roles.includes('admin');
  const me = context.sessions.get()?.username ?? '';
  // One "Invite…" panel at a time, above the table, so the 5 s refresh of the rows leaves it alone.
  const invites = h('div', { id: 'sessions-invite' });
  const invite = (id: string): void => {
    replaceChildren(invites, invitePanel(context.api, id, () => replaceChildren(invites)));
  };

  const kill = (id: string, user: string): void => {
    if (!window.confirm(t('killConfirm', { user }))) {
      return;
    }
    context.api.call('POST', `/api/sessions/${encodeURIComponent(id)}/kill`).then(load, (reason: unknown) => {
      status.hidden = false;
      status.textContent = t('loadFailed', { error: problemText(reason) });
    });
  };

  // Sessions of others that the user is invited to: "watch" opens the read-only viewer.
  const invited = h('section', { id: 'sessions-invited', className: 'panel', hidden: true });
  const loadInvited = (): void => {
    listMyInvitations(context.api, abort.signal).then((mine) => {
      invited.hidden = mine.length === 0;
      replaceChildren(invited, h('h2', {}, t('invitedTitle')), h('ul', {}, ...mine.map(invitedRow)));
    }, () => {
      invited.hidden = true;
    });
  };

  const actions: RowActions = { kill: isAdmin ? kill : null, watch: isAdmin || roles.includes('auditor'), invite, me };

  const load = (): void => {
    mine.load();
    loadInvited();
    context.api.call('GET', `/api/sessions${queryString({ user: user.value, host: host.value, limit: 200 })}`, undefined, abort.signal).then(
      (result) => {
        const sessions = ((result as { sessions?: unknown[] }).sessions ?? []) as Record<string, unknown>[];
        replaceChildren(body, ...sessions.map((session) => sessionRow(session, actions)));
        table.hidden = sessions.length === 0;
        status.hidden = sessions.length > 0;
        status.textContent = sessions.length > 0 ? '' : t('noSessions');
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

  const form = h('form', { id: 'sessions-filters', className: 'review-filters' }, user, host, apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });

  root.append(topBar(context), h('main', { className: 'page' },
    h('div', { className: 'page-head' }, h('h1', {}, t('sessionsTitle'))),
    mine.element,
    (isAdmin || roles.includes('auditor')) && recordingSearchPanel(context.api, abort.signal),
    form,
    invited,
    invites,
    h('section', { className: 'panel' }, table, status)));
  load();
  const timer = window.setInterval(load, refreshMs);
  return () => {
    abort.abort();
    window.clearInterval(timer);
  };
};

interface RowActions {
  /** Admins: end a running session. */
  readonly kill: ((id: string, user: string) => void) | null;
  /** Admins and auditors: watch running sessions read-only. */
  readonly watch: boolean;
  /** The owner of a running session: open its invitations. */
  readonly invite: (id: string) => void;
  /** The signed-in user's name. */
  readonly me: string;
}

function sessionRow(session: Record<string, unknown>, actions: RowActions): HTMLTableRowElement {
  const id = text(session['id']);
  const active = session['active'] === true;
  const own = actions.me !== '' && text(session['user']) === actions.me.trim().toLowerCase();
  const num = (key: string): number => (typeof session[key] === 'number' ? (session[key]) : 0);
  return h('tr', { className: 'session-row', 'data-session-id': id, 'data-active': active ? 'true' : 'false' },
    h('td', {}, visible(text(session['user']))),
    h('td', {}, visible(`${text(session['login'])}@${text(session['hostName'])}`)),
    h('td', { className: 'nowrap' }, formatDateTime(text(session['startedAt']))),
    h('td', {}, active ? h('span', { className: 'badge' }, t('active')) : formatDuration(typeof session['durationMs'] === 'number' ? session['durationMs'] : null)),
    h('td', { className: 'nowrap' }, `${formatBytes(num('bytesIn'))} / ${formatBytes(num('bytesOut'))}`),
    h('td', { className: 'session-end-reason' }, visible(reasonLabel(text(session['endReason'])))),
    h('td', { className: 'actions' },
      h('a', { className: 'button small session-play', href: routeHash({ page: 'session', sessionId: id }) }, t('play')),
      active && actions.watch && h('a', { className: 'button small session-watch', href: routeHash({ page: 'watch', sessionId: id }) }, t('watch')),
      active && own && actionButton('session-invite', t('invite'), () => actions.invite(id)),
      active && actions.kill !== null && killButton(() => actions.kill?.(id, text(session['user'])))));
}

function invitedRow(invitation: Invitation): HTMLLIElement {
  const mode = invitation.mode === 'control' ? t('inviteModeControl') : t('inviteModeWatch');
  const until = invitation.expiresAt === '' ? '' : formatDateTime(invitation.expiresAt);
  return h('li', { className: 'invited-row', 'data-session-id': invitation.sessionId, 'data-mode': invitation.mode },
    visible(t('invitedRow', { owner: invitation.owner, mode, until })), ' ',
    h('a', { className: 'button small invited-watch', href: routeHash({ page: 'watch', sessionId: invitation.sessionId }) }, t('watch')));
}

function actionButton(className: string, label: string, onClick: () => void): HTMLButtonElement {
  const button = h('button', { type: 'button', className: `button small ${className}` }, label);
  button.addEventListener('click', onClick);
  return button;
}

function killButton(onClick: () => void): HTMLButtonElement {
  const button = h('button', { type: 'button', className: 'button small session-kill' }, t('kill'));
  button.addEventListener('click', onClick);
  return button;
}

// The owner's part of the Sessions page: their running sessions (detached ones marked), each with "attach" (opens it
// in the workspace) and "end" (after a confirmation).

import { UnauthorizedError } from '../apiErrors';
import { h, replaceChildren } from '../dom';
import { visible } from '../review/commands';
import type { ActiveSession } from '../sessionContract';
import { t } from '../strings';
import type { AppContext } from './page';
import { formatDateTime, problemText } from '../serverText';

export interface MySessions {
  readonly element: HTMLElement;
  load(): void;
}

export function mySessions(context: AppContext, signal: AbortSignal): MySessions {
  const status = h('p', { id: 'my-sessions-empty', className: 'panel-message', hidden: true });
  const body = h('tbody');
  const table = h('table', { id: 'my-sessions-table', className: 'data-table review-table', hidden: true },
    h('thead', {}, h('tr', {}, ...[t('colHost'), t('colStart'), '', ''].map((label) => h('th', { scope: 'col' }, label)))),
    body);
  const element = h('section', { id: 'my-sessions', className: 'panel my-sessions' },
    h('h2', { className: 'panel-title' }, t('mySessionsTitle')), table, status);
  const me = (context.sessions.get()?.username ?? '').toLowerCase();

  const showError = (reason: unknown): void => {
    status.hidden = false;
    status.textContent = t('loadFailed', { error: problemText(reason) });
  };

  const end = (session: ActiveSession): void => {
    if (!window.confirm(t('endConfirm', { host: session.hostName }))) {
      return;
    }
    context.api.endSession(session.id).then(load, showError);
  };

  const row = (session: ActiveSession, held: boolean): HTMLTableRowElement => {
    const attach = h('button', { type: 'button', className: 'button primary small my-session-attach' }, t('attach'));
    attach.addEventListener('click', () => context.attachSession(session));
    const stop = h('button', { type: 'button', className: 'button small my-session-end' }, t('endSession'));
    stop.addEventListener('click', () => end(session));
    return h('tr', { className: 'my-session-row', 'data-session-id': session.id, 'data-detached': session.detached ? 'true' : 'false', 'data-held': held ? 'true' : 'false' },
      h('td', {}, visible(`${session.login === '' ? '' : `${session.login}@`}${session.hostName}`)),
      h('td', { className: 'nowrap' }, session.startedAt === '' ? '' : formatDateTime(session.startedAt)),
      h('td', {}, h('span', { className: session.detached ? 'badge warn' : 'badge' }, session.detached ? t('detached') : t('attachedNow'))),
      h('td', { className: 'actions' }, attach, stop));
  };

  function load(): void {
    context.api.activeSessions(signal).then(
      (sessions) => {
        // Only one's own: an admin's list of everyone's sessions is the table below (watch and kill, not attach).
        const own = sessions.filter((session) => session.user.toLowerCase() === me);
        const held = context.heldSessions();
        replaceChildren(body, ...own.map((session) => row(session, held.has(session.id))));
        table.hidden = own.length === 0;
        status.hidden = own.length > 0;
        status.textContent = own.length > 0 ? '' : t('mySessionsEmpty');
      },
      (reason: unknown) => {
        if (!signal.aborted && !(reason instanceof UnauthorizedError)) {
          showError(reason);
        }
      },
    );
  }

  return { element, load };
}

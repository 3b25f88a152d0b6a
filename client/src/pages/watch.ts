// `#/watch/<sessionId>`: a read-only viewer of someone's running session (admins and auditors from the Sessions page,
// or a user invited to watch). It attaches with `mode=watch` (docs/PROTOCOL.md "Sessions and sockets") and never
// sends anything on the socket: no input, no resize, no acknowledgements (flow control is the owner's).

import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { sanitize } from '../ansi';
import { UnauthorizedError } from '../apiErrors';
import { h } from '../dom';
import { participantSummary, participantUsers } from '../participants';
import { parseParticipants } from '../protocol';
import { routeHash } from '../router';
import { t } from '../strings';
import type { Page } from './page';
import { languageSwitch } from './topbar';
import { problemText } from '../serverText';

type WatchState = 'connecting' | 'connected' | 'closed';

/** `ws(s)://<same host>/ws/sessions/<id>?mode=watch&ticket=T` */
export function watchSocketUrl(location: { readonly protocol: string; readonly host: string }, sessionId: string, ticket: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = new URLSearchParams({ mode: 'watch', ticket });
  return `${scheme}//${location.host}/ws/sessions/${encodeURIComponent(sessionId)}?${query.toString()}`;
}

export function watchPage(sessionId: string): Page {
  return (root, context) => {
    let socket: WebSocket | null = null;
    let disposed = false;
    document.title = `${t('watchTitle')} · Bastion`;

    const status = h('span', { id: 'watch-status', className: 'status', 'data-state': 'connecting' }, t('connecting'));
    const detail = h('span', { id: 'watch-detail', className: 'muted detail' }, t('watchReadOnly'));
    // Everyone attached, this viewer and the owner included (no silent watching, for the watchers too).
    const participants = h('span', { id: 'watch-participants', className: 'participants', 'data-count': '0', 'data-users': '', title: t('participantsLabel'), hidden: true });
    const container = h('div', { id: 'watch-terminal', className: 'terminal-container' });
    root.append(h('div', { className: 'terminal-page' },
      h('header', { className: 'statusbar' },
        h('a', { className: 'brand', href: routeHash({ page: 'hosts' }) }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }), t('appName')),
        h('span', { className: 'crumb', 'aria-hidden': 'true' }, '/'),
        h('span', { className: 'host-label' }, t('watchTitle')), status, detail, participants, h('span', { className: 'spacer' }),
        languageSwitch(context),
        h('a', { id: 'watch-back', className: 'button ghost small', href: routeHash({ page: 'sessions' }) }, t('watchBack'))),
      container));

    const term = new Terminal({ disableStdin: true, cursorBlink: false, scrollback: 10000, fontSize: 14, theme: { background: '#0b0e14', foreground: '#d5dae3' } });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(container);
    fit.fit();

    const setState = (state: WatchState, text?: string): void => {
      status.dataset['state'] = state;
      status.textContent = state === 'connected' ? t('connected') : state === 'connecting' ? t('connecting') : t('connectionClosed');
      if (text !== undefined) {
        detail.textContent = text;
      }
    };

    const onMessage = (event: MessageEvent): void => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(event.data)) as Record<string, unknown>;
      } catch {
        return;
      }
      if (message['flag'] === 'ready') {
        setState('connected');
      } else if (message['flag'] === 'success' && typeof message['message'] === 'string') {
        term.write(message['message']);
      } else if (message['flag'] === 'resync') {
        // This viewer fell behind and its queue was dropped (docs/PROTOCOL.md "Watch"): the current screen follows as
        // output and is drawn for a fresh terminal, so forget what was drawn (and any escape sequence cut off with it).
        term.reset();
      } else if (message['flag'] === 'size' && typeof message['cols'] === 'number' && typeof message['rows'] === 'number') {
        term.resize(Math.max(1, Math.min(1000, message['cols'])), Math.max(1, Math.min(500, message['rows'])));
      } else if (message['flag'] === 'participants') {
        const list = parseParticipants(message['participants']);
        if (list !== null) {
          participants.dataset['count'] = String(list.length);
          participants.dataset['users'] = participantUsers(list);
          participants.textContent = participantSummary(list);
          participants.hidden = list.length === 0;
        }
      } else if (message['flag'] === 'error') {
        const why = typeof message['message'] === 'string' ? message['message'] : typeof message['code'] === 'string' ? message['code'] : '';
        detail.textContent = sanitize(why);
      }
    };

    context.api.call('POST', '/api/terminal/tickets', { sessionId, mode: 'watch' }).then((body) => {
      const ticket = (body as Record<string, unknown> | null)?.['ticket'];
      if (disposed || typeof ticket !== 'string') {
        return;
      }
      socket = new WebSocket(watchSocketUrl(window.location, sessionId, ticket));
      socket.onmessage = onMessage;
      socket.onclose = (event) => setState('closed', t('closeCode', { code: event.code }));
    }, (reason: unknown) => {
      if (reason instanceof UnauthorizedError) {
        return;
      }
      setState('closed', t('watchFailed', { error: problemText(reason) }));
    });

    return () => {
      disposed = true;
      // Not 1000: a client's 1000 ends the session (docs/PROTOCOL.md); any other code only detaches this socket.
      socket?.close(4000, 'watcher left');
      term.dispose();
    };
  };
}

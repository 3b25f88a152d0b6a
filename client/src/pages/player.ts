import 'asciinema-player/dist/bundle/asciinema-player.css';
import '../review/review.css';
import * as AsciinemaPlayer from 'asciinema-player';
import { UnauthorizedError } from '../apiErrors';
import { h, replaceChildren } from '../dom';
import {
  activeCommandIndex,
  filterCommands,
  formatOffset,
  parseCommands,
  sanitizeCast,
  seekTimeFor,
  visible,
  type SessionCommand,
} from '../review/commands';
import { text } from '../review/format';
import { routeHash } from '../router';
import { t } from '../strings';
import type { Page } from './page';
import { topBar } from './topbar';
import { sessionTransfers } from '../workspace/files/sessionTransfers';

declare global {
  interface Window {
    /** The current player, for browser tests. */
    bastionPlayer?: AsciinemaPlayer.Player;
  }
}

const speeds = [0.5, 1, 2, 4, 8];
const idleLimits = [0, 1, 2, 5];

/**
 * `#/sessions/<id>`: replays a recording. Read-only by construction: the player has no connection to any host, input
 * events are removed, and OSC/DCS strings (clipboard, hyperlinks, titles) are stripped before it sees the data.
 */
export function playerPage(sessionId: string, startAt?: number): Page {
  return (root, context) => {
    const abort = new AbortController();
    document.title = `${t('playerTitle', { id: sessionId.slice(0, 8) })} · Bastion`;

    const screen = h('div', { id: 'player', className: 'player-screen' });
    const info = h('div', { id: 'player-info', className: 'muted' }, t('loading'));
    const speed = h('select', { id: 'player-speed', 'aria-label': 'speed' }, ...speeds.map((s) => h('option', { value: String(s), selected: s === 1 }, `${s}×`)));
    const idle = h('select', { id: 'player-idle', 'aria-label': 'idle' }, ...idleLimits.map((s) => h('option', { value: String(s), selected: s === 2 }, s === 0 ? 'idle: ∞' : `idle ≤ ${s}s`)));
    const commandFilter = h('input', { id: 'player-command-filter', type: 'search', placeholder: t('filterCommands'), 'aria-label': t('filterCommands') });
    const list = h('ol', { id: 'player-commands', className: 'command-list' });

    let cast = '';
    let commands: SessionCommand[] = [];
    let player: AsciinemaPlayer.Player | null = null;
    let timer: number | undefined;

    const create = (startAt: number, play: boolean): void => {
      player?.dispose();
      replaceChildren(screen);
      const limit = Number(idle.value);
      player = AsciinemaPlayer.create({ data: cast }, screen, {
        speed: Number(speed.value),
        ...(limit > 0 ? { idleTimeLimit: limit } : {}),
        startAt,
        autoPlay: play,
        preload: true,
        fit: 'width',
        controls: true,
        markers: commands.map((c): [number, string] => [c.offset, c.line.slice(0, 60)]),
      });
      window.bastionPlayer = player;
    };

    // A search hit's link (#/sessions/<id>?t=…): once the recording is loaded, seek to that second, paused.
    const seekToStart = (at: number | undefined): void => {
      if (at !== undefined && at > 0) {
        void player?.seek(at);
      }
    };

    const recreateKeepingTime = (): void => {
      const at = player?.getCurrentTime() ?? 0;
      create(at, false);
    };
    speed.addEventListener('change', recreateKeepingTime);
    idle.addEventListener('change', recreateKeepingTime);

    const renderCommands = (): void => {
      const shown = filterCommands(commands, commandFilter.value);
      if (shown.length === 0) {
        replaceChildren(list, h('li', { className: 'muted', id: 'player-no-commands' }, t('noCommands')));
        return;
      }
      replaceChildren(list, ...shown.map((command) => {
        const button = h('button', { type: 'button', className: 'command-item', 'data-offset': command.offset },
          h('span', { className: 'command-time' }, formatOffset(command.offset)), ' ', h('code', {}, visible(command.line)));
        button.addEventListener('click', () => void player?.seek(seekTimeFor(command)));
        return h('li', {}, button);
      }));
    };
    commandFilter.addEventListener('input', renderCommands);

    const highlight = (): void => {
      if (!player) {
        return;
      }
      const index = activeCommandIndex(commands, player.getCurrentTime());
      const current = index >= 0 ? commands[index] : undefined;
      for (const item of list.querySelectorAll<HTMLButtonElement>('.command-item')) {
        item.classList.toggle('current', current !== undefined && Number(item.dataset['offset']) === current.offset);
      }
    };

    Promise.all([
      context.api.call('GET', `/api/sessions/${encodeURIComponent(sessionId)}`, undefined, abort.signal),
      context.api.text(`/api/sessions/${encodeURIComponent(sessionId)}/recording`, abort.signal),
    ]).then(
      ([detail, recording]) => {
        const value = detail as { session?: Record<string, unknown>; commands?: unknown };
        const session = value.session ?? {};
        info.textContent = visible(`${text(session['user'])} → ${text(session['login'])}@${text(session['hostName'])} · ${new Date(text(session['startedAt'])).toLocaleString()} · ${text(session['endReason']) || t('active')}`);
        commands = parseCommands(value.commands);
        cast = sanitizeCast(recording);
        renderCommands();
        create(0, false);
        seekToStart(startAt);
        timer = window.setInterval(highlight, 250);
      },
      (reason: unknown) => {
        if (abort.signal.aborted || reason instanceof UnauthorizedError) {
          return;
        }
        info.textContent = t('loadFailed', { error: reason instanceof Error ? reason.message : String(reason) });
      },
    );

    root.append(topBar(context), h('main', { className: 'page player-page' },
      h('div', { className: 'page-head' },
        h('a', { className: 'button ghost small', id: 'player-back', href: routeHash({ page: 'sessions' }) }, `← ${t('back')}`),
        h('h1', {}, t('playerTitle', { id: sessionId.slice(0, 8) })), h('span', { className: 'spacer' }), speed, idle),
      info,
      h('div', { className: 'player-layout' },
        h('section', { className: 'panel player-panel' }, screen),
        h('aside', { className: 'panel command-panel' }, h('h2', {}, t('commandsTitle')),
          h('p', { className: 'muted small' }, t('commandsHint')), commandFilter, list)),
      sessionTransfers(context.api, sessionId, abort.signal)));
    return () => {
      abort.abort();
      window.clearInterval(timer);
      player?.dispose();
      window.bastionPlayer = undefined;
    };
  };
}

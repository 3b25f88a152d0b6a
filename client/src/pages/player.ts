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
import { reasonLabel } from '../review/auditLabels';
import { text } from '../review/format';
import { parseRecordingIndex, segmentFrames, segmentedIndex, segmentPayload, segmentRange, type Keyframe, type RecordingIndex } from '../review/segments';
import { castEventTimes, idleGaps, timeline, type IdleGap, type Timeline } from '../review/timeline';
import { routeHash } from '../router';
import { formatDateTime, problemText } from '../serverText';
import { t } from '../strings';
import type { Page } from './page';
import { topBar } from './topbar';
import { sessionTransfers } from '../workspace/files/sessionTransfers';

declare global {
  interface Window {
    /** The current player, for browser tests. */
    bastionPlayer?: AsciinemaPlayer.Player;
    /** The player's position in real recording time (seconds), for browser tests. */
    bastionPlayerRealTime?: () => number;
  }
}

const speeds = [0.5, 1, 2, 4, 8];
const idleLimits = [0, 1, 2, 5];

/** Recordings up to this size load whole in one request; longer ones play by segments read with range requests. */
const wholeRecordingBytes = 8 * 1024 * 1024;

/** Seek this long (player seconds) before a command, so its prompt is on screen when playback resumes. */
const commandLead = 0.5;

/**
 * `#/sessions/<id>`: replays a recording. `startAt` (from `#/sessions/<id>?t=<seconds>`, e.g. a search result) is
 * REAL recording time, like command offsets; it goes through the same idle-compression timeline as everything else. Read-only by construction: the player has no connection to any host, input
 * events are removed, and OSC/DCS strings (clipboard, hyperlinks, titles) are stripped before it sees the data.
 */
export function playerPage(sessionId: string, startAt?: number): Page {
  return (root, context) => {
    const abort = new AbortController();
    document.title = `${t('playerTitle', { id: sessionId.slice(0, 8) })} · Bastion`;

    const screen = h('div', { id: 'player', className: 'player-screen' });
    const info = h('div', { id: 'player-info', className: 'muted' }, t('loading'));
    const speed = h('select', { id: 'player-speed' }, ...speeds.map((s) => h('option', { value: String(s), selected: s === 1 }, `${s}×`)));
    const idle = h('select', { id: 'player-idle' }, ...idleLimits.map((s) => h('option', { value: String(s), selected: s === 2 }, s === 0 ? t('playerIdleKept') : t('playerIdleLimit', { seconds: s }))));
    // Labelled in the user's language and drawn like the other fields (they were the browser's small grey controls).
    const option = (id: string, label: string, select: HTMLElement): HTMLElement =>
      h('label', { className: 'player-option', 'data-for': id }, h('span', { className: 'muted small' }, label), select);
    const commandFilter = h('input', { id: 'player-command-filter', type: 'search', placeholder: t('filterCommands'), 'aria-label': t('filterCommands') });
    const list = h('ol', { id: 'player-commands', className: 'command-list' });

    const recordingPath = `/api/sessions/${encodeURIComponent(sessionId)}/recording`;
    let cast = '';
    let index: RecordingIndex | null = null;
    let castGaps: IdleGap[] = [];
    let commands: SessionCommand[] = [];
    let player: AsciinemaPlayer.Player | null = null;
    let line: Timeline = timeline([], 0);
    let frames: Keyframe[] = [];
    let segmentIndexBody = '';
    let timer: number | undefined;

    // Segments are fetched by the player itself: its segmented source takes URLs, so an index blob names segment URLs
    // of a scheme of this page's own, which this fetch wrapper answers with one range read each (restored on leave).
    const segmentScheme = `bastion-segment-${crypto.randomUUID()}:`;
    // eslint-disable-next-line no-restricted-properties -- the player's own segment reads go through ApiClient below
    const originalFetch = window.fetch.bind(window);
    let generation = 0;
    // eslint-disable-next-line no-restricted-properties -- wrapped only while this page is shown, restored on leave
    window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.startsWith(segmentScheme) || index === null) {
        return originalFetch(input, init);
      }
      const [gen, part] = url.slice(segmentScheme.length).split('/');
      if (part === 'index') {
        // Served here too: the page's CSP (connect-src 'self') refuses blob: URLs.
        return Promise.resolve(new Response(Number(gen) === generation ? segmentIndexBody : null, { status: Number(gen) === generation ? 200 : 404 }));
      }
      return loadSegment(index, Number(gen), Number(part));
    };
    const loadSegment = async (recording: RecordingIndex, gen: number, segment: number): Promise<Response> => {
      if (gen !== generation || segment < 0 || segment >= frames.length) {
        return new Response(null, { status: 404 });
      }
      const { from, split, to } = segmentRange(recording, frames, segment);
      const bytes = await context.api.range(recordingPath, from, to, abort.signal);
      const decoder = new TextDecoder();
      const leadIn = decoder.decode(bytes.slice(0, split - from));
      const own = decoder.decode(bytes.slice(split - from));
      return new Response(JSON.stringify(segmentPayload(recording, frames, segment, line, leadIn, own)));
    };

    const create = (real: number, play: boolean): void => {
      player?.dispose();
      replaceChildren(screen);
      const limit = Number(idle.value);
      line = timeline(index === null ? castGaps : index.gaps, limit);
      const markers = commands.map((c): [number, string] => [line.toPlayer(c.offset), c.line.slice(0, 60)]);
      const options = { speed: Number(speed.value), autoPlay: play, preload: true, fit: 'width' as const, controls: true };
      if (index === null) {
        player = AsciinemaPlayer.create({ data: cast }, screen, { ...options, ...(limit > 0 ? { idleTimeLimit: limit } : {}), markers });
      } else {
        generation++;
        frames = segmentFrames(index, line);
        const gen = generation;
        segmentIndexBody = JSON.stringify(segmentedIndex(index, frames, line, markers, (n) => `${segmentScheme}${gen}/${n}`));
        // The segmented source rejects idleTimeLimit and markers options: both are in the index built above.
        player = AsciinemaPlayer.create({ url: `${segmentScheme}${gen}/index`, format: 'segmented' } as AsciinemaPlayer.UrlSource, screen, options);
      }
      window.bastionPlayer = player;
      // Seek in player time; the real time it came from is kept across speed and idle changes.
      if (real > 0) {
        void player.seek(line.toPlayer(real));
      }
    };
    window.bastionPlayerRealTime = () => line.toReal(player?.getCurrentTime() ?? 0);

    const recreateKeepingTime = (): void => {
      // The position is kept in real time: the new idle limit gives the same moment another player time.
      const real = line.toReal(player?.getCurrentTime() ?? 0);
      create(real, false);
      renderCommands();
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
        // The time shown is the player's (the one on its bar); the real time is in the tooltip.
        const button = h('button', { type: 'button', className: 'command-item', 'data-offset': command.offset, title: formatOffset(command.offset) },
          h('span', { className: 'command-time' }, formatOffset(line.toPlayer(command.offset))), ' ', h('code', {}, visible(command.line)));
        button.addEventListener('click', () => void player?.seek(seekTimeFor(command, line, commandLead)));
        return h('li', {}, button);
      }));
    };
    commandFilter.addEventListener('input', renderCommands);

    const highlight = (): void => {
      if (!player) {
        return;
      }
      const at = activeCommandIndex(commands, line.toReal(player.getCurrentTime()));
      const current = at >= 0 ? commands[at] : undefined;
      for (const item of list.querySelectorAll<HTMLButtonElement>('.command-item')) {
        item.classList.toggle('current', current !== undefined && Number(item.dataset['offset']) === current.offset);
      }
    };

    const load = async (): Promise<void> => {
      const [detail, recordingIndex] = await Promise.all([
        context.api.call('GET', `/api/sessions/${encodeURIComponent(sessionId)}`, undefined, abort.signal),
        context.api.call('GET', `${recordingPath}/index`, undefined, abort.signal).then(parseRecordingIndex, () => null),
      ]);
      const value = detail as { session?: Record<string, unknown>; commands?: unknown };
      const session = value.session ?? {};
      info.textContent = visible(`${text(session['user'])} → ${text(session['login'])}@${text(session['hostName'])} · ${formatDateTime(text(session['startedAt']))} · ${text(session['endReason']) === '' ? t('active') : reasonLabel(text(session['endReason']))}`);
      commands = parseCommands(value.commands);
      if (recordingIndex !== null && recordingIndex.size > wholeRecordingBytes) {
        index = recordingIndex;
      } else {
        cast = sanitizeCast(await context.api.text(recordingPath, abort.signal));
        castGaps = idleGaps(castEventTimes(cast), 1);
      }
      create(startAt !== undefined && Number.isFinite(startAt) ? Math.max(0, startAt) : 0, false);
      renderCommands();
      timer = window.setInterval(highlight, 250);
    };
    load().catch((reason: unknown) => {
      if (abort.signal.aborted || reason instanceof UnauthorizedError) {
        return;
      }
      info.textContent = t('loadFailed', { error: problemText(reason) });
    });

    root.append(topBar(context), h('main', { className: 'page player-page' },
      h('div', { className: 'page-head' },
        h('a', { className: 'button ghost small', id: 'player-back', href: routeHash({ page: 'sessions' }) }, `← ${t('back')}`),
        h('h1', {}, t('playerTitle', { id: sessionId.slice(0, 8) })), h('span', { className: 'spacer' }),
        h('div', { className: 'player-options' }, option('player-speed', t('playerSpeed'), speed), option('player-idle', t('playerIdle'), idle))),
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
      // eslint-disable-next-line no-restricted-properties -- see above
      window.fetch = originalFetch;
      window.bastionPlayer = undefined;
      window.bastionPlayerRealTime = undefined;
    };
  };
}

// Pure logic of the player page: the command list beside the player, and the recording cleanup that keeps the
// player read-only (no clipboard writes, no links, no title changes from recorded output).

import type { Timeline } from './timeline';

export interface SessionCommand {
  readonly sequence: number;
  /** Seconds from the start of the recording. */
  readonly offset: number;
  readonly line: string;
}

/** Reads the `commands` array of `GET /api/sessions/{id}`; malformed entries are skipped, order is by offset. */
export function parseCommands(value: unknown): SessionCommand[] {
  if (!Array.isArray(value)) {
    return [];
  }
  const commands = value.flatMap((item: unknown): SessionCommand[] => {
    if (typeof item !== 'object' || item === null) {
      return [];
    }
    const record = item as Record<string, unknown>;
    const offset = record['offset'];
    const line = record['line'];
    const sequence = record['sequence'];
    if (typeof offset !== 'number' || !Number.isFinite(offset) || offset < 0 || typeof line !== 'string') {
      return [];
    }
    return [{ sequence: typeof sequence === 'number' ? sequence : 0, offset, line }];
  });
  return commands.sort((a, b) => a.offset - b.offset || a.sequence - b.sequence);
}

/** The index of the command playing at `time` (the last one at or before it), or -1 before the first. */
export function activeCommandIndex(commands: readonly SessionCommand[], time: number): number {
  let low = 0;
  let high = commands.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((commands[mid]?.offset ?? Infinity) <= time) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** Where to seek for a command, in player time: `lead` player seconds before it, so the prompt is on screen when
 * playback resumes. The command's offset is real time; `line` is the player's idle-compression timeline. */
export function seekTimeFor(command: SessionCommand, line: Timeline, lead = 0.5): number {
  return Math.max(0, line.toPlayer(command.offset) - lead);
}

/** `m:ss` or `h:mm:ss`. */
export function formatOffset(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The commands whose line contains `query` (case-insensitive), keeping their order. */
export function filterCommands(commands: readonly SessionCommand[], query: string): SessionCommand[] {
  const q = query.trim().toLowerCase();
  return q === '' ? [...commands] : commands.filter((c) => c.line.toLowerCase().includes(q));
}

// OSC (ESC ] ... BEL or ESC \) carries clipboard writes (52), hyperlinks (8) and title changes (0, 1, 2); DCS, SOS,
// PM and APC strings (ESC P/X/^/_ ... ESC \) carry nothing a replay needs. An unterminated one runs to the end.
// eslint-disable-next-line no-control-regex
const stringSequence = /\x1b[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|[\x9d\x90\x98\x9e\x9f][\s\S]*?(?:\x07|\x9c|$)/g;

/** Removes terminal string sequences from output text. */
export function stripStringSequences(text: string): string {
  return text.replace(stringSequence, '');
}

/**
 * Prepares an asciicast v2 text for the player: output events lose their OSC/DCS strings, input events are dropped
 * (the player shows output only), markers and resizes stay. Lines that are not valid JSON are dropped, so a
 * recording cut short by a crash still plays.
 */
export function sanitizeCast(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (index === 0 || !Array.isArray(value)) {
      out.push(JSON.stringify(value));
      continue;
    }
    const [time, code, data] = value as [unknown, unknown, unknown];
    if (typeof time !== 'number' || typeof code !== 'string' || typeof data !== 'string' || code === 'i') {
      continue;
    }
    out.push(JSON.stringify([time, code, code === 'o' ? stripStringSequences(data) : data]));
  }
  return out.join('\n') + '\n';
}

/** Control characters made visible (`\x1b` → `␛`-style escapes), for values shown in tables and lists. */
export function visible(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

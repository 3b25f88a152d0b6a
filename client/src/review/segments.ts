// Long recordings without loading them whole: the server's index (`GET /api/sessions/{id}/recording/index`) lists
// keyframes (byte offsets of event lines, with their real time and the terminal's size and screen there) and the idle
// gaps. The player gets asciinema-player's segmented form: one segment per keyframe, each read with one HTTP range
// request of the .cast (its own bytes plus the keyframe before it, replayed as the lead-in that rebuilds the screen),
// sanitized as `sanitizeCast` does and put on the player's timeline by the same `Timeline` as everything else.

import { stripStringSequences } from './commands';
import type { IdleGap, Timeline } from './timeline';

export interface Keyframe {
  readonly offset: number;
  /** Real seconds. */
  readonly time: number;
  readonly cols: number;
  readonly rows: number;
  readonly alt: boolean;
}

export interface RecordingIndex {
  readonly size: number;
  readonly cols: number;
  readonly rows: number;
  /** Real seconds of the last shown event. */
  readonly duration: number;
  readonly keyframes: readonly Keyframe[];
  readonly gaps: readonly IdleGap[];
}

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Reads and checks the server's index; null when it is not one (the page then loads the recording whole). */
export function parseRecordingIndex(value: unknown): RecordingIndex | null {
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const v = value as Record<string, unknown>;
  const { size, cols, rows, duration, keyframes, gaps } = v;
  if (!finite(size) || !positiveInt(cols) || !positiveInt(rows) || !finite(duration) || !Array.isArray(keyframes) || !Array.isArray(gaps)) {
    return null;
  }
  const frames: Keyframe[] = [];
  for (const item of keyframes as unknown[]) {
    const k = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const last = frames[frames.length - 1];
    if (!finite(k['offset']) || !finite(k['time']) || !positiveInt(k['cols']) || !positiveInt(k['rows'])
      || k['offset'] >= size || (last !== undefined && (k['offset'] <= last.offset || k['time'] <= last.time))) {
      return null;
    }
    frames.push({ offset: k['offset'], time: k['time'], cols: k['cols'], rows: k['rows'], alt: k['alt'] === true });
  }
  const idle: IdleGap[] = [];
  for (const g of gaps as unknown[]) {
    if (!Array.isArray(g) || !finite(g[0]) || !finite(g[1])) {
      return null;
    }
    idle.push({ start: g[0], length: g[1] });
  }
  return frames.length === 0 ? null : { size, cols, rows, duration, keyframes: frames, gaps: idle };
}

/** The keyframes that start segments: the first, then each that starts strictly later on the player's timeline and
 * before its end (asciinema-player's rule for segment starts). */
export function segmentFrames(index: RecordingIndex, line: Timeline): Keyframe[] {
  const end = line.toPlayer(index.duration);
  const frames: Keyframe[] = [];
  let previous = -Infinity;
  for (const [i, k] of index.keyframes.entries()) {
    const start = i === 0 ? 0 : line.toPlayer(k.time);
    if (i === 0 || (start > previous && start < end)) {
      frames.push(k);
      previous = start;
    }
  }
  return frames;
}

/** asciinema-player's segmented index (version 1) for these frames, with markers at player times. */
export function segmentedIndex(index: RecordingIndex, frames: readonly Keyframe[], line: Timeline, markers: readonly [number, string][], urlOf: (segment: number) => string): unknown {
  const duration = line.toPlayer(index.duration);
  return {
    version: 1,
    duration,
    term: { cols: index.cols, rows: index.rows },
    segments: frames.map((k, i) => ({ start: i === 0 ? 0 : line.toPlayer(k.time), url: urlOf(i) })),
    markers: markers.map(([t, label]): [number, string] => [Math.min(Math.max(0, t), duration), label]).sort((a, b) => a[0] - b[0]),
  };
}

/** The byte range (inclusive end, as HTTP wants) one segment reads: the keyframe before it as lead-in, then its own. */
export function segmentRange(index: RecordingIndex, frames: readonly Keyframe[], segment: number): { from: number; split: number; to: number } {
  const own = frames[segment] as Keyframe;
  const lead = frames[segment - 1];
  const next = frames[segment + 1];
  return { from: lead?.offset ?? own.offset, split: own.offset, to: (next?.offset ?? index.size) - 1 };
}

type CastEvent = [number, string, string];

function* events(text: string): Generator<CastEvent> {
  for (const raw of text.split('\n')) {
    if (!raw.startsWith('[')) {
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      continue;
    }
    if (Array.isArray(value) && finite(value[0]) && typeof value[1] === 'string' && typeof value[2] === 'string') {
      yield [value[0], value[1], value[2]];
    }
  }
}

/**
 * One segment for asciinema-player from the bytes of `segmentRange`: the snapshot replays the lead-in's output (on the
 * alternate screen if the program was on it there), the events are this keyframe's output and resizes (input and
 * marks dropped, OSC/DCS stripped) at player times, kept inside [start, next start) as the player requires.
 */
export function segmentPayload(index: RecordingIndex, frames: readonly Keyframe[], segment: number, line: Timeline, leadIn: string, own: string): unknown {
  const frame = frames[segment] as Keyframe;
  const lead = frames[segment - 1];
  let init = lead?.alt ? '\x1b[?1049h' : '';
  for (const [, code, data] of events(leadIn)) {
    if (code === 'o') {
      init += stripStringSequences(data);
    }
  }
  const start = segment === 0 ? 0 : line.toPlayer(frame.time);
  const next = frames[segment + 1];
  const end = line.toPlayer(index.duration);
  const limit = next === undefined ? end : line.toPlayer(next.time);
  const out: CastEvent[] = [];
  let previous = start;
  for (const [time, code, data] of events(own)) {
    if (code !== 'o' && code !== 'r') {
      continue;
    }
    const at = Math.max(previous, Math.min(line.toPlayer(time), next === undefined ? end : limit - 1e-6));
    out.push([at, code, code === 'o' ? stripStringSequences(data) : data]);
    previous = at;
  }
  if (out[0]?.[0] !== start) {
    out.unshift([start, 'o', '']);
  }
  if (next === undefined && out[out.length - 1]?.[0] !== end) {
    out.push([end, 'o', '']);
  }
  return { snapshot: { cols: frame.cols, rows: frame.rows, init }, events: out };
}

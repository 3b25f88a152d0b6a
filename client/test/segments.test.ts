import { describe, expect, it } from 'vitest';
import { parseRecordingIndex, segmentFrames, segmentedIndex, segmentPayload, segmentRange } from '../src/review/segments';
import { timeline } from '../src/review/timeline';

// A recording as the server indexes it: output every 0.5 s with one 10 s pause, keyframes at three event lines.
const lines = ['{"version":2,"width":80,"height":24}'];
for (let i = 0; i < 30; i++) {
  const t = i < 10 ? 0.5 + i * 0.5 : 15 + i * 0.5;
  lines.push(JSON.stringify([t, 'o', `line-${i}\r\n`]));
  if (i === 12) {
    lines.push(JSON.stringify([t, 'i', 'typed']));
  }
}
const text = lines.join('\n') + '\n';
const bytes = new TextEncoder().encode(text);
const offsetOf = (n: number): number => new TextEncoder().encode(lines.slice(0, n).join('\n') + '\n').length;
const times = (n: number): number => (JSON.parse(lines[n] ?? '[]') as number[])[0] ?? 0;
const raw = {
  size: bytes.length, cols: 80, rows: 24, duration: times(lines.length - 1),
  keyframes: [1, 8, 20].map((n) => ({ offset: offsetOf(n), time: times(n), cols: 80, rows: 24, alt: n === 20 })),
  gaps: [[5, 10.5]],
};

describe('segmented playback of an indexed recording', () => {
  const index = parseRecordingIndex(raw);
  const line = timeline(index?.gaps ?? [], 2);

  it('reads the server index', () => {
    expect(index?.keyframes.length).toBe(3);
    expect(parseRecordingIndex({ ...raw, keyframes: [raw.keyframes[1], raw.keyframes[0]] })).toBeNull();
  });

  it('builds segments that keep asciinema-player\'s rules: start at 0, increasing starts, events inside each, last at the end', () => {
    if (index === null) {
      throw new Error('no index');
    }
    const frames = segmentFrames(index, line);
    const segmented = segmentedIndex(index, frames, line, [[3, 'cmd']], (n) => `seg:${n}`) as { duration: number; segments: { start: number }[] };
    expect(segmented.segments[0]?.start).toBe(0);
    const decoder = new TextDecoder();
    for (let n = 0; n < frames.length; n++) {
      const { from, split, to } = segmentRange(index, frames, n);
      const leadIn = decoder.decode(bytes.slice(from, split));
      const own = decoder.decode(bytes.slice(split, to + 1));
      const payload = segmentPayload(index, frames, n, line, leadIn, own) as { snapshot: { init: string }; events: [number, string, string][] };
      const start = segmented.segments[n]?.start ?? 0;
      const end = segmented.segments[n + 1]?.start ?? segmented.duration;
      expect(payload.events[0]?.[0]).toBe(start);
      for (const [t, code] of payload.events) {
        expect(t).toBeGreaterThanOrEqual(start);
        expect(n + 1 < frames.length ? t < end : t <= end).toBe(true);
        expect(code).not.toBe('i');
      }
      if (n === frames.length - 1) {
        expect(payload.events[payload.events.length - 1]?.[0]).toBe(segmented.duration);
      }
      if (n > 0) {
        expect(payload.snapshot.init).toContain('line-');
      }
    }
    // 0.5 .. 5 then a 10.5 s pause cut to 2 s: the last event (29.5 real) is 8.5 s earlier on the player.
    expect(segmented.duration).toBeCloseTo(29.5 - 8.5);
  });
});

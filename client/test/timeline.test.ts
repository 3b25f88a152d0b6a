import { describe, expect, it } from 'vitest';
import { castEventTimes, idleGaps, timeline } from '../src/review/timeline';

// Events at 0.5, 1, 11 (a 10 s gap), 12, 42 (a 30 s gap), 43: with a 2 s limit the gaps become 2 s each.
const times = [0.5, 1, 11, 12, 42, 43];

describe('idle compression timeline', () => {
  it('maps event times the way asciinema-player shifts them', () => {
    const line = timeline(idleGaps(times, 1), 2);
    // asciinema-player's timeLimiter: each gap over the limit loses (gap - limit) for every later event.
    expect(times.map((t) => line.toPlayer(t))).toEqual([0.5, 1, 3, 4, 6, 7]);
  });

  it('maps a real time inside a cut gap onto its first limit seconds, then onto the gap end', () => {
    const line = timeline(idleGaps(times, 1), 2);
    expect(line.toPlayer(2)).toBeCloseTo(2);
    expect(line.toPlayer(10)).toBeCloseTo(3);
    expect(line.toPlayer(11.5)).toBeCloseTo(3.5);
  });

  it('round-trips player time through real time', () => {
    const line = timeline(idleGaps(times, 1), 2);
    for (const p of [0, 0.7, 1.5, 2.9, 3, 3.5, 5.99, 6, 6.5, 7, 20]) {
      expect(line.toPlayer(line.toReal(p))).toBeCloseTo(p);
    }
    expect(line.toReal(3.5)).toBeCloseTo(11.5);
    expect(line.toReal(6.5)).toBeCloseTo(42.5);
  });

  it('is the identity without a limit, or when no gap exceeds it', () => {
    for (const line of [timeline(idleGaps(times, 1), 0), timeline(idleGaps(times, 1), 60)]) {
      expect(line.toPlayer(30)).toBe(30);
      expect(line.toReal(30)).toBe(30);
    }
  });

  it('uses gaps collected at a lower minimum for any larger limit', () => {
    const gaps = idleGaps(times, 1);
    expect(timeline(gaps, 5).toPlayer(43)).toBeCloseTo(43 - 5 - 25);
    expect(timeline(idleGaps(times, 5), 5).toPlayer(43)).toBeCloseTo(13);
  });

  it('counts a leading pause from 0 as a gap, as the player does', () => {
    expect(timeline(idleGaps([10, 11], 1), 2).toPlayer(11)).toBeCloseTo(3);
  });

  it('reads event times from a cast, skipping the header and bad lines', () => {
    expect(castEventTimes('{"version":2}\n[0.25,"o","a"]\nnot json\n[3.5,"o","b"]\n')).toEqual([0.25, 3.5]);
  });
});

// The one mapping between real recording time and the player's time under idle compression. Everything the player
// page places on its timeline (command markers, the command list, seeks, `?t=` links from search) goes through it.
//
// Real time: seconds since the start of the recording, as written in the .cast file, as the server reports command
// offsets and as search results carry them (`#/sessions/<id>?t=<real seconds>`).
// Player time: seconds on the player's own bar, what `getCurrentTime()` returns and `seek(n)` takes.
//
// The rule is asciinema-player's own (its `timeLimiter`): between two consecutive events the player sees, a gap
// longer than the idle limit is cut to the limit; shorter gaps stay. Input events are not shown, so they do not
// break a gap (see `sanitizeCast`).

/** One idle gap: output paused from `start` (real seconds, the time of the event before it) for `length` seconds. */
export interface IdleGap {
  readonly start: number;
  readonly length: number;
}

export interface Timeline {
  /** Real recording time → player time. */
  toPlayer(real: number): number;
  /** Player time → real recording time (inverse of `toPlayer` on the played part of each gap). */
  toReal(player: number): number;
}

/** The gaps longer than `minimum` seconds between consecutive event times (seconds, ascending), starting from 0. */
export function idleGaps(eventTimes: Iterable<number>, minimum: number): IdleGap[] {
  const gaps: IdleGap[] = [];
  let previous = 0;
  for (const time of eventTimes) {
    if (time - previous > minimum) {
      gaps.push({ start: previous, length: time - previous });
    }
    previous = Math.max(previous, time);
  }
  return gaps;
}

/** The timeline for an idle limit (seconds; 0 or less = no compression) over `gaps` (ascending by start). */
export function timeline(gaps: readonly IdleGap[], limit: number): Timeline {
  if (!(limit > 0)) {
    return { toPlayer: (real) => real, toReal: (player) => player };
  }
  const cut = gaps.filter((g) => g.length > limit);
  // playerStart[i]: where cut[i] starts on the player's bar (its real start less what the gaps before it lost).
  const playerStart: number[] = [];
  let removed = 0;
  for (const gap of cut) {
    playerStart.push(gap.start - removed);
    removed += gap.length - limit;
  }

  // The last gap starting at or before `value` in `starts`, or -1.
  const last = (starts: readonly number[], value: number): number => {
    let low = 0;
    let high = starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((starts[mid] ?? Infinity) <= value) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  };
  const starts = cut.map((g) => g.start);

  return {
    toPlayer(real: number): number {
      const i = last(starts, real);
      if (i < 0) {
        return real;
      }
      const gap = cut[i] as IdleGap;
      // Inside a cut gap, the first `limit` seconds play and the rest collapse onto the gap's end.
      const into = Math.min(real - gap.start, gap.length);
      return (playerStart[i] ?? 0) + Math.min(into, limit) + Math.max(0, real - gap.start - gap.length);
    },
    toReal(player: number): number {
      const i = last(playerStart, player);
      if (i < 0) {
        return player;
      }
      const gap = cut[i] as IdleGap;
      const into = player - (playerStart[i] ?? 0);
      return into < limit ? gap.start + into : gap.start + gap.length + (into - limit);
    },
  };
}

/** The event times (seconds) of a sanitized asciicast v2 text, in file order; the header and bad lines are skipped. */
export function castEventTimes(cast: string): number[] {
  const times: number[] = [];
  for (const line of cast.split('\n')) {
    if (!line.startsWith('[')) {
      continue;
    }
    const comma = line.indexOf(',');
    const time = Number(line.slice(1, comma));
    if (comma > 0 && Number.isFinite(time)) {
      times.push(time);
    }
  }
  return times;
}

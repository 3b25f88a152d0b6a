import { describe, expect, it } from 'vitest';
import { hitHref, parseSearchResult } from '../src/review/recordingSearch';
import { parseRoute, routeHash } from '../src/router';

const id = '0123456789abcdef0123456789abcdef';

describe('player links at a second', () => {
  it('parses t from the session route', () => {
    expect(parseRoute(`#/sessions/${id}?t=12.5`)).toEqual({ page: 'session', sessionId: id, startAt: 12.5 });
    expect(parseRoute(`#/sessions/${id}`)).toEqual({ page: 'session', sessionId: id });
  });

  it('ignores a t that is not a second of a recording', () => {
    for (const bad of ['?t=-1', '?t=abc', '?t=', '?t=Infinity', '?x=3']) {
      expect(parseRoute(`#/sessions/${id}${bad}`)).toEqual({ page: 'session', sessionId: id });
    }
  });

  it('round-trips through routeHash', () => {
    expect(routeHash({ page: 'session', sessionId: id, startAt: 3.2 })).toBe(`#/sessions/${id}?t=3.2`);
    expect(routeHash({ page: 'session', sessionId: id })).toBe(`#/sessions/${id}`);
  });
});

describe('search results', () => {
  it('keeps well-formed hits and links each to the player at its offset', () => {
    const result = parseSearchResult({
      hits: [
        { sessionId: id, user: 'admin', hostName: 'web', startedAt: '2026-12-02T04:00:00Z', offset: 7.46, kind: 'output', snippet: [{ text: '<b>', hit: false }, { text: 'back-21', hit: true }] },
        { sessionId: 'not-an-id', offset: 1 },
        { sessionId: id },
      ],
      next: 50,
    });
    expect(result.next).toBe(50);
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]?.snippet).toEqual([{ text: '<b>', hit: false }, { text: 'back-21', hit: true }]);
    expect(hitHref(result.hits[0]!)).toBe(`#/sessions/${id}?t=7.4`);
  });

  it('reads a missing body as no hits', () => {
    expect(parseSearchResult(null)).toEqual({ hits: [], next: null });
  });
});

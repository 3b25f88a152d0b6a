import { describe, expect, it, vi } from 'vitest';
import { participantChanges, participantNotices, participantSummary, participantUsers } from '../src/participants';
import { maxParticipants, parseServerMessage } from '../src/protocol';

function logger() {
  return { warn: vi.fn() };
}

describe('parseServerMessage: participants and warning', () => {
  it('parses a participants list', () => {
    const log = logger();
    const frame = '{"flag":"participants","participants":[{"user":"ann","mode":"control"},{"user":"bob","mode":"watch"},{"user":"carol","mode":"type"}]}';
    expect(parseServerMessage(frame, log)).toEqual({
      flag: 'participants',
      participants: [{ user: 'ann', mode: 'control' }, { user: 'bob', mode: 'watch' }, { user: 'carol', mode: 'type' }],
    });
    expect(parseServerMessage('{"flag":"participants","participants":[]}', log)).toEqual({ flag: 'participants', participants: [] });
    expect(log.warn).not.toHaveBeenCalled();
  });

  it.each([
    '{"flag":"participants"}',
    '{"flag":"participants","participants":"ann"}',
    '{"flag":"participants","participants":{"user":"ann","mode":"control"}}',
    '{"flag":"participants","participants":[null]}',
    '{"flag":"participants","participants":["ann"]}',
    '{"flag":"participants","participants":[{"user":"ann"}]}',
    '{"flag":"participants","participants":[{"user":1,"mode":"watch"}]}',
    '{"flag":"participants","participants":[{"user":"ann","mode":"control"},{"user":"bob","mode":null}]}',
  ])('ignores a malformed participants message with a warning: %s', (frame) => {
    const log = logger();
    expect(parseServerMessage(frame, log)).toBeNull();
    expect(log.warn).toHaveBeenCalledOnce();
  });

  it('ignores a list over the bound', () => {
    const log = logger();
    const list = Array.from({ length: maxParticipants + 1 }, (_, i) => ({ user: `u${i}`, mode: 'watch' }));
    expect(parseServerMessage(JSON.stringify({ flag: 'participants', participants: list }), log)).toBeNull();
    expect(log.warn).toHaveBeenCalledOnce();
  });

  it('parses a warning', () => {
    const log = logger();
    expect(parseServerMessage('{"flag":"warning","code":"idle_timeout_soon","message":"idle: ends in 60 s","seconds":60}', log)).toEqual({
      flag: 'warning', code: 'idle_timeout_soon', message: 'idle: ends in 60 s', seconds: 60,
    });
    expect(parseServerMessage('{"flag":"warning","code":"max_duration_soon","message":"m"}', log)).toEqual({
      flag: 'warning', code: 'max_duration_soon', message: 'm', seconds: null,
    });
    expect(parseServerMessage('{"flag":"warning","code":"max_duration_soon","message":"m","seconds":"60"}', log)).toEqual({
      flag: 'warning', code: 'max_duration_soon', message: 'm', seconds: null,
    });
    expect(log.warn).not.toHaveBeenCalled();
  });

  it.each([
    '{"flag":"warning"}',
    '{"flag":"warning","code":"idle_timeout_soon"}',
    '{"flag":"warning","message":"m","seconds":60}',
    '{"flag":"warning","code":7,"message":"m"}',
  ])('ignores a malformed warning with a warning: %s', (frame) => {
    const log = logger();
    expect(parseServerMessage(frame, log)).toBeNull();
    expect(log.warn).toHaveBeenCalledOnce();
  });
});

describe('participant notices', () => {
  const ann = { user: 'ann', mode: 'control' };
  const bob = { user: 'bob', mode: 'watch' };
  const carol = { user: 'carol', mode: 'type' };

  it('says who joined and who left, never the owner', () => {
    expect(participantNotices([], [ann])).toEqual([]);
    expect(participantNotices([ann], [ann, bob])).toEqual(['[bastion] bob is now watching this session']);
    expect(participantNotices([ann, bob], [ann, bob, carol])).toEqual(['[bastion] carol joined this session and may type']);
    expect(participantNotices([ann, bob, carol], [ann, carol])).toEqual(['[bastion] bob stopped watching this session']);
    expect(participantNotices([ann, carol], [ann])).toEqual(['[bastion] carol left this session']);
    expect(participantNotices([ann, bob], [bob])).toEqual([]);
    expect(participantNotices([ann, bob], [ann, bob])).toEqual([]);
  });

  it('counts the same user twice, and a change of mode as a leave and a join', () => {
    expect(participantChanges([ann, bob], [ann, bob, bob])).toEqual({ joined: [bob], left: [] });
    expect(participantChanges([ann, bob, bob], [ann, bob])).toEqual({ joined: [], left: [bob] });
    const bobTypes = { user: 'bob', mode: 'type' };
    expect(participantNotices([ann, bob], [ann, bobTypes])).toEqual([
      '[bastion] bob stopped watching this session',
      '[bastion] bob joined this session and may type',
    ]);
  });

  it('summarises by mode, each user once', () => {
    expect(participantSummary([])).toBe('');
    expect(participantSummary([bob, carol, bob])).toBe('watching: bob; typing: carol');
    expect(participantSummary([carol, bob, ann, { user: 'dan', mode: 'watch' }])).toBe('in control: ann; watching: bob, dan; typing: carol');
    expect(participantUsers([ann, bob, bob, carol])).toBe('ann bob carol');
  });
});

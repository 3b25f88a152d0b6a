import { describe, expect, it } from 'vitest';
import {
  activeCommandIndex,
  filterCommands,
  formatOffset,
  parseCommands,
  sanitizeCast,
  seekTimeFor,
  stripStringSequences,
  visible,
} from '../src/review/commands';
import { timeline } from '../src/review/timeline';
import { formatBytes, formatDuration, formatMilliseconds, text } from '../src/review/format';
import { setLanguage } from '../src/strings';

const commands = parseCommands([
  { sequence: 3, offset: 5.5, line: 'uptime' },
  { sequence: 1, offset: 1.25, line: 'ls -la' },
  { sequence: 2, offset: 3, line: 'cat /etc/os-release' },
  { sequence: 9, offset: -1, line: 'bad' },
  { nope: true },
]);

describe('command list model', () => {
  it('parses, drops malformed entries and orders by offset', () => {
    expect(commands.map((c) => c.line)).toEqual(['ls -la', 'cat /etc/os-release', 'uptime']);
  });

  it('finds the command playing at a time', () => {
    expect(activeCommandIndex(commands, 0)).toBe(-1);
    expect(activeCommandIndex(commands, 1.25)).toBe(0);
    expect(activeCommandIndex(commands, 4)).toBe(1);
    expect(activeCommandIndex(commands, 99)).toBe(2);
    expect(activeCommandIndex([], 3)).toBe(-1);
  });

  it('seeks a little before a command, never before zero', () => {
    const none = timeline([], 0);
    expect(seekTimeFor(commands[1]!, none)).toBe(2.5);
    expect(seekTimeFor({ sequence: 0, offset: 0.1, line: 'x' }, none)).toBe(0);
    // A command typed after a 10 s pause that the 2 s idle limit cuts by 8 s sits 8 s earlier on the player's bar.
    const cut = timeline([{ start: 0.5, length: 10 }], 2);
    expect(seekTimeFor({ sequence: 0, offset: 12.5, line: 'x' }, cut)).toBeCloseTo(12.5 - 8 - 0.5);
  });

  it('formats offsets', () => {
    expect(formatOffset(0)).toBe('0:00');
    expect(formatOffset(65.9)).toBe('1:05');
    expect(formatOffset(3725)).toBe('1:02:05');
  });

  it('filters case-insensitively', () => {
    expect(filterCommands(commands, 'ETC').map((c) => c.line)).toEqual(['cat /etc/os-release']);
    expect(filterCommands(commands, ' ')).toHaveLength(3);
  });
});

describe('recording cleanup for a read-only player', () => {
  it('removes clipboard, hyperlink and title sequences but keeps the text and colours', () => {
    const text = 'a\x1b]52;c;ZXZpbA==\x07b\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\\x1b]0;pwned\x07\x1b[31mred';
    expect(stripStringSequences(text)).toBe('ablink\x1b[31mred');
  });

  it('drops input events and broken lines, keeps header, output, resize and markers', () => {
    const cast = [
      '{"version":2,"width":80,"height":24}',
      '[0.5,"o","hi\\u001b]52;c;eA==\\u0007"]',
      '[0.6,"i","secret"]',
      '[0.7,"r","100x30"]',
      '[0.8,"m","cap"]',
      '[0.9,"o","cut sho',
    ].join('\n');
    expect(sanitizeCast(cast).trim().split('\n')).toEqual([
      '{"version":2,"width":80,"height":24}',
      '[0.5,"o","hi"]',
      '[0.7,"r","100x30"]',
      '[0.8,"m","cap"]',
    ]);
  });
});

describe('visible', () => {
  it('shows control characters as escapes and leaves markup characters to textContent', () => {
    expect(visible('a\x1b[2Jb\r\n<b>')).toBe('a\\x1b[2Jb\\x0d\\x0a<b>');
  });
});

describe('review text helpers', () => {
  it('prints server values, byte counts and durations', () => {
    expect([text('a'), text(3), text(true), text(null), text(undefined), text({ k: 1 })]).toEqual(['a', '3', 'true', '', '', '{"k":1}']);
    expect([formatBytes(1023), formatBytes(1536), formatBytes(5 * 1024 ** 3)]).toEqual(['1,023 B', '1.5 KiB', '5.0 GiB']);
    expect([formatDuration(null), formatDuration(4_400), formatDuration(125_000), formatDuration(3_725_000)]).toEqual(['', '4s', '2m 5s', '1h 2m']);
    expect(formatMilliseconds(12_300)).toBe('12,300 ms');
  });

  it('prints durations in the chosen language', () => {
    setLanguage('zh-CN');
    try {
      expect([formatDuration(4_400), formatDuration(125_000), formatDuration(3_725_000), formatMilliseconds(840)]).toEqual(['4 秒', '2 分 5 秒', '1 小时 2 分', '840 毫秒']);
    } finally {
      setLanguage('en');
    }
  });
});

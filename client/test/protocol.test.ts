import { describe, expect, it, vi } from 'vitest';
import {
  clampSize,
  maxInputUnitsPerMessage,
  parseServerMessage,
  serializeClientMessage,
  serializeInput,
  terminalSocketUrl,
} from '../src/protocol';

function logger() {
  return { warn: vi.fn() };
}

describe('parseServerMessage', () => {
  it('parses ready, success and error', () => {
    const log = logger();
    expect(parseServerMessage('{"flag":"ready","sessionId":"s1"}', log)).toEqual({ flag: 'ready', sessionId: 's1', attached: false, recording: 'none' });
    expect(parseServerMessage('{"flag":"ready","sessionId":"s1","attach":true}', log)).toEqual({ flag: 'ready', sessionId: 's1', attached: true, recording: 'none' });
    expect(parseServerMessage('{"flag":"ready","sessionId":"s1","recorded":true,"recordInput":false}', log)).toMatchObject({ recording: 'output' });
    expect(parseServerMessage('{"flag":"ready","sessionId":"s1","recorded":true,"recordInput":true}', log)).toMatchObject({ recording: 'input' });
    expect(parseServerMessage('{"flag":"ready","sessionId":"s1","recordInput":true}', log)).toMatchObject({ recording: 'none' });
    expect(parseServerMessage('{"flag":"success","message":"héllo 你好\\r\\n"}', log)).toEqual({
      flag: 'success',
      message: 'héllo 你好\r\n',
    });
    expect(parseServerMessage('{"flag":"error","code":"bad_size","message":"cols must be 1..1000"}', log)).toEqual({
      flag: 'error',
      code: 'bad_size',
      message: 'cols must be 1..1000',
      values: { args: {}, failure: null },
    });
    expect(log.warn).not.toHaveBeenCalled();
  });

  it.each(['[]', '[{"flag":"success","message":"x"}]', 'null', '42', '"success"', 'true'])(
    'rejects the non-object %s with a warning',
    (text) => {
      const log = logger();
      expect(parseServerMessage(text, log)).toBeNull();
      expect(log.warn).toHaveBeenCalledOnce();
    },
  );

  it('rejects text that is not JSON', () => {
    const log = logger();
    expect(parseServerMessage('{"flag":', log)).toBeNull();
    expect(log.warn).toHaveBeenCalledOnce();
  });

  it('ignores unknown flags with a console warning by default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(parseServerMessage('{"flag":"telemetry","x":1}')).toBeNull();
      expect(parseServerMessage('{"message":"no flag"}')).toBeNull();
      expect(warn).toHaveBeenCalledTimes(2);
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects a success message whose message is not a string', () => {
    const log = logger();
    expect(parseServerMessage('{"flag":"success","message":42}', log)).toBeNull();
    expect(parseServerMessage('{"flag":"success"}', log)).toBeNull();
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  it('keeps an error readable when a field is missing', () => {
    expect(parseServerMessage('{"flag":"error","code":"unreachable"}', logger())).toEqual({
      flag: 'error',
      code: 'unreachable',
      message: 'unreachable',
      values: { args: {}, failure: null },
    });
    expect(parseServerMessage('{"flag":"ready"}', logger())).toEqual({ flag: 'ready', sessionId: '', attached: false, recording: 'none' });
  });
});

describe('serializeClientMessage', () => {
  it('writes the exact wire shapes', () => {
    expect(serializeClientMessage({ flag: 'input', data: 'ls\r' })).toBe('{"flag":"input","data":"ls\\r"}');
    expect(serializeClientMessage({ flag: 'end' })).toBe('{"flag":"end"}');
    expect(serializeClientMessage({ flag: 'resize', cols: 120, rows: 40 })).toBe('{"flag":"resize","cols":120,"rows":40}');
    expect(serializeClientMessage({ flag: 'ack', bytes: 16384 })).toBe('{"flag":"ack","bytes":16384}');
  });
});

describe('serializeInput', () => {
  it('sends short input as one frame', () => {
    expect(serializeInput('a')).toEqual(['{"flag":"input","data":"a"}']);
    expect(serializeInput('')).toEqual([]);
  });

  it('splits a large paste into frames under 64 KiB that join back to the input', () => {
    const paste = '\x01'.repeat(maxInputUnitsPerMessage * 3 + 5);
    const frames = serializeInput(paste);
    expect(frames).toHaveLength(4);
    for (const frame of frames) {
      expect(new TextEncoder().encode(frame).length).toBeLessThan(64 * 1024);
    }
    const joined = frames.map((frame) => (JSON.parse(frame) as { data: string }).data).join('');
    expect(joined).toBe(paste);
  });

  it('never splits a surrogate pair', () => {
    const frames = serializeInput('a😀😀', 2);
    const parts = frames.map((frame) => (JSON.parse(frame) as { data: string }).data);
    expect(parts).toEqual(['a', '😀', '😀']);
  });
});

describe('sizes and URLs', () => {
  it('clamps sizes into the accepted range', () => {
    expect(clampSize(0, 0)).toEqual({ cols: 1, rows: 1 });
    expect(clampSize(5000, 900)).toEqual({ cols: 1000, rows: 500 });
    expect(clampSize(80.7, 24.2)).toEqual({ cols: 80, rows: 24 });
    expect(clampSize(Number.NaN, 24)).toEqual({ cols: 1, rows: 24 });
  });

  it('builds the socket URL on the same host with flow=1 and the ticket', () => {
    expect(terminalSocketUrl({ protocol: 'https:', host: 'bastion.example:8443' }, 'db 1', 120, 40, 'a+b/c=')).toBe(
      'wss://bastion.example:8443/ws/terminal/db%201?cols=120&rows=40&flow=1&ticket=a%2Bb%2Fc%3D',
    );
    expect(terminalSocketUrl({ protocol: 'http:', host: '127.0.0.1:5000' }, '7', 80, 24, 't')).toBe(
      'ws://127.0.0.1:5000/ws/terminal/7?cols=80&rows=24&flow=1&ticket=t',
    );
  });
});

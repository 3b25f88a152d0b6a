import { describe, expect, it, vi } from 'vitest';
import { TerminalConnection, type ConnectionHandlers } from '../src/connection';
import { FakeSocket } from './fakeSocket';
import { ManualTimers } from './fakeTimers';

function setup() {
  let socket: FakeSocket | undefined;
  const timers = new ManualTimers();
  const rendered: (() => void)[] = [];
  const handlers: ConnectionHandlers = {
    onReady: vi.fn(),
    onOutput: vi.fn((_text: string, done: () => void) => rendered.push(done)),
    onError: vi.fn(),
    onParticipants: vi.fn(),
    onWarning: vi.fn(),
    onClose: vi.fn(),
  };
  const connection = new TerminalConnection({
    url: 'ws://x/ws/terminal/h1?cols=80&rows=24&flow=1&ticket=t',
    cols: 80,
    rows: 24,
    handlers,
    timers,
    ackThreshold: 10,
    ackDelayMs: 20,
    logger: { warn: vi.fn() },
    createSocket: (url) => (socket = new FakeSocket(url)),
  });
  return { connection, socket: socket!, handlers, rendered, timers };
}

describe('TerminalConnection', () => {
  it('dispatches ready, output and errors', () => {
    const { socket, handlers } = setup();
    socket.open();
    socket.receive('{"flag":"ready","sessionId":"s"}');
    socket.receive('{"flag":"success","message":"hi"}');
    socket.receive('{"flag":"error","code":"bad_size","message":"no"}');
    expect(handlers.onReady).toHaveBeenCalledWith('s', false, 'none');
    expect(handlers.onOutput).toHaveBeenCalledWith('hi', expect.any(Function));
    expect(handlers.onError).toHaveBeenCalledWith('bad_size', 'no', { args: {}, failure: null });
  });

  it('passes an error’s values on: its args and its connection failure (issue 14)', () => {
    const { socket, handlers } = setup();
    socket.open();
    socket.receive('{"flag":"error","code":"too_many_sessions","message":"m","args":{"running":"3","limit":"3","bad":4}}');
    socket.receive('{"flag":"error","code":"unreachable","message":"m","failure":{"code":"connection_refused","args":{"host":"db-1","address":"10.0.0.9","port":"22"}}}');
    expect(handlers.onError).toHaveBeenNthCalledWith(1, 'too_many_sessions', 'm', { args: { running: '3', limit: '3' }, failure: null });
    expect(handlers.onError).toHaveBeenNthCalledWith(2, 'unreachable', 'm',
      { args: {}, failure: { code: 'connection_refused', args: { host: 'db-1', address: '10.0.0.9', port: '22' } } });
  });

  it('asks the server to keep notices out of the terminal, first on open, only when told to', () => {
    let socket: FakeSocket | undefined;
    new TerminalConnection({
      url: 'ws://x/ws/terminal/h1?cols=80&rows=24&flow=1&ticket=t',
      cols: 80,
      rows: 24,
      handlers: { onReady: vi.fn(), onOutput: vi.fn(), onError: vi.fn(), onClose: vi.fn() },
      showsNotices: true,
      createSocket: (url) => (socket = new FakeSocket(url)),
    });
    socket!.open();
    expect(socket!.sent).toEqual([{ flag: 'notices' }]);
    const { socket: plain } = setup();
    plain.open();
    expect(plain.sent).toEqual([]);
  });

  it('dispatches participants and warnings, sending nothing back', () => {
    const { socket, handlers } = setup();
    socket.open();
    socket.receive('{"flag":"participants","participants":[{"user":"ann","mode":"control"},{"user":"bob","mode":"watch"}]}');
    socket.receive('{"flag":"warning","code":"idle_timeout_soon","message":"soon","seconds":60}');
    expect(handlers.onParticipants).toHaveBeenCalledWith([{ user: 'ann', mode: 'control' }, { user: 'bob', mode: 'watch' }]);
    expect(handlers.onWarning).toHaveBeenCalledWith('idle_timeout_soon', 'soon', 60);
    expect(socket.sent).toEqual([]);
  });

  it('dispatches the connect queue status and ignores an unknown one', () => {
    const { socket, handlers } = setup();
    handlers.onStatus = vi.fn();
    socket.open();
    socket.receive('{"flag":"status","status":"queued"}');
    socket.receive('{"flag":"status","status":"sleeping"}');
    socket.receive('{"flag":"status","status":"connecting"}');
    expect(handlers.onStatus).toHaveBeenNthCalledWith(1, 'queued');
    expect(handlers.onStatus).toHaveBeenNthCalledWith(2, 'connecting');
    expect(handlers.onStatus).toHaveBeenCalledTimes(2);
    expect(socket.sent).toEqual([]);
  });

  it('reports whether ready attached to a running session', () => {
    const { socket, handlers } = setup();
    socket.open();
    socket.receive('{"flag":"ready","sessionId":"s","attach":true}');
    expect(handlers.onReady).toHaveBeenCalledWith('s', true, 'none');
  });

  it('end() sends {"flag":"end"} and closes, quietly', () => {
    const { connection, socket, handlers } = setup();
    socket.open();
    expect(connection.end()).toBe(true);
    expect(socket.sent).toEqual([{ flag: 'end' }]);
    expect(socket.closedWith).toBe(1000);
    socket.serverClose(1000);
    expect(handlers.onClose).not.toHaveBeenCalled();
    expect(connection.end()).toBe(false);
  });

  it('acknowledges output only after the terminal rendered it', () => {
    const { socket, rendered, timers } = setup();
    socket.open();
    socket.receive('{"flag":"success","message":"12345678"}');
    socket.receive('{"flag":"success","message":"abcdefgh"}');
    timers.advance(100);
    expect(socket.sent).toEqual([]);
    rendered[0]!();
    expect(socket.sent).toEqual([]);
    rendered[1]!();
    expect(socket.sent).toEqual([{ flag: 'ack', bytes: 16 }]);
  });

  it('sends input, and a resize only when the size changes', () => {
    const { connection, socket } = setup();
    socket.open();
    connection.sendInput('ls\r');
    connection.resize(80, 24);
    connection.resize(120, 40);
    connection.resize(120, 40);
    connection.resize(5000, 0);
    expect(socket.sent).toEqual([
      { flag: 'input', data: 'ls\r' },
      { flag: 'resize', cols: 120, rows: 40 },
      { flag: 'resize', cols: 1000, rows: 1 },
    ]);
  });

  it('sends a size changed while connecting once the socket opens', () => {
    const { connection, socket } = setup();
    connection.resize(100, 30);
    connection.sendInput('lost');
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent).toEqual([{ flag: 'resize', cols: 100, rows: 30 }]);
  });

  it('reports a server close once and stops acknowledging', () => {
    const { socket, handlers, rendered, timers } = setup();
    socket.open();
    socket.receive('{"flag":"success","message":"x"}');
    socket.serverClose(1011, 'unreachable');
    rendered[0]!();
    timers.advance(100);
    expect(handlers.onClose).toHaveBeenCalledOnce();
    expect(handlers.onClose).toHaveBeenCalledWith(1011, 'unreachable');
    expect(socket.sent).toEqual([]);
  });

  it('closes quietly when the page closes it, with the detach code so the session goes on', () => {
    const { connection, socket, handlers } = setup();
    socket.open();
    connection.close();
    socket.serverClose(1000);
    expect(socket.closedWith).toBe(4000);
    expect(handlers.onClose).not.toHaveBeenCalled();
  });

  it('ignores binary frames and unknown messages', () => {
    const { socket, handlers } = setup();
    socket.open();
    socket.receive(new ArrayBuffer(4));
    socket.receive('{"flag":"future"}');
    expect(handlers.onOutput).not.toHaveBeenCalled();
  });
});

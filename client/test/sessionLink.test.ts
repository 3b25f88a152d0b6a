import { describe, expect, it, vi } from 'vitest';
import { ApiError, UnauthorizedError } from '../src/apiErrors';
import { backoffDelay, backoffMaxMs, reconnectGiveUpMs } from '../src/backoff';
import { SessionLink, type LinkState } from '../src/sessionLink';
import { FakeSocket } from './fakeSocket';
import { ManualTimers } from './fakeTimers';

const sessionId = '0123456789abcdef0123456789abcdef';

/** Ticket answers are queued per call; an Error is thrown instead of answered. */
function setup(options: { sessionId?: string | null; attachAnswers?: (string | Error)[]; random?: number } = {}) {
  const timers = new ManualTimers();
  let now = 0;
  const sockets: FakeSocket[] = [];
  const states: LinkState[] = [];
  const attachAnswers = [...(options.attachAnswers ?? [])];
  const tickets = {
    createTicket: vi.fn(() => Promise.resolve({ ticket: 'fresh-ticket', expiresIn: 30 })),
    createAttachTicket: vi.fn(() => {
      const answer = attachAnswers.shift() ?? 'attach-ticket';
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ ticket: answer, expiresIn: 30 });
    }),
    endSession: vi.fn(() => Promise.resolve()),
  };
  const handlers = {
    onState: vi.fn((state: LinkState) => states.push(state)),
    onSession: vi.fn(),
    onAttached: vi.fn(),
    onOutput: vi.fn((_text: string, rendered: () => void) => rendered()),
    onError: vi.fn(),
  };
  const link = new SessionLink({
    hostId: 'h1',
    sessionId: options.sessionId ?? null,
    tickets,
    location: { protocol: 'http:', host: 'bastion.test' },
    size: () => ({ cols: 100, rows: 30 }),
    handlers,
    timers,
    now: () => now,
    random: () => options.random ?? 1,
    logger: { warn: vi.fn() },
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  });
  const last = (): FakeSocket => sockets[sockets.length - 1]!;
  const advance = async (ms: number): Promise<void> => {
    now += ms;
    timers.advance(ms);
    await settle();
  };
  return { link, timers, sockets, states, tickets, handlers, last, advance };
}

/** Lets the ticket promises resolve (the link's timers are manual; this one is a real zero timeout). */
const settle = (): Promise<void> => new Promise((resolve) => globalThis.setTimeout(resolve, 0));

async function connected(t: ReturnType<typeof setup>, attached = false): Promise<FakeSocket> {
  await settle();
  const socket = t.last();
  socket.open();
  socket.receive(JSON.stringify({ flag: 'ready', sessionId, attach: attached }));
  return socket;
}

describe('SessionLink', () => {
  it('opens a fresh session by host and remembers the id ready names', async () => {
    const t = setup();
    t.link.start();
    const socket = await connected(t);
    expect(t.tickets.createTicket).toHaveBeenCalledWith('h1');
    expect(socket.url).toBe('ws://bastion.test/ws/terminal/h1?cols=100&rows=30&flow=1&ticket=fresh-ticket');
    expect(t.handlers.onSession).toHaveBeenCalledWith(sessionId);
    expect(t.handlers.onAttached).not.toHaveBeenCalled();
    expect(t.link.state).toEqual({ kind: 'connected', sessionId, attached: false, recording: 'none' });
    expect(t.link.isLive).toBe(true);
  });

  it('attaches by session id, and an attached ready resets the terminal before the screen arrives', async () => {
    const t = setup({ sessionId });
    t.link.start();
    const socket = await connected(t, true);
    expect(t.tickets.createAttachTicket).toHaveBeenCalledWith(sessionId, 'control');
    expect(t.tickets.createTicket).not.toHaveBeenCalled();
    expect(socket.url).toBe(`ws://bastion.test/ws/sessions/${sessionId}?ticket=attach-ticket&mode=control&cols=100&rows=30&flow=1`);
    expect(t.handlers.onAttached).toHaveBeenCalledOnce();
    socket.receive('{"flag":"success","message":"screen"}');
    expect(t.handlers.onOutput).toHaveBeenCalledWith('screen', expect.any(Function));
    expect(t.link.state).toEqual({ kind: 'connected', sessionId, attached: true, recording: 'none' });
  });

  it.each([1006, 1001, 1005, 1012])('re-attaches after close %i with backoff', async (code) => {
    const t = setup();
    t.link.start();
    (await connected(t)).serverClose(code);
    expect(t.link.state).toEqual({ kind: 'reconnecting', attempt: 1, delayMs: 500 });
    await t.advance(499);
    expect(t.tickets.createAttachTicket).not.toHaveBeenCalled();
    await t.advance(1);
    expect(t.tickets.createAttachTicket).toHaveBeenCalledWith(sessionId, 'control');
    await connected(t, true);
    expect(t.link.state.kind).toBe('connected');
    expect(t.handlers.onAttached).toHaveBeenCalledOnce();
  });

  it('doubles the delay to 10 s while the server is away, and starts again at 0.5 s once back', async () => {
    const away = new ApiError(0, 'network');
    const t = setup({ attachAnswers: [away, new ApiError(503, 'busy'), away, away, away, away, away] });
    t.link.start();
    (await connected(t)).serverClose(1006);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const state = t.link.state;
      expect(state.kind).toBe('reconnecting');
      const delay = state.kind === 'reconnecting' ? state.delayMs : 0;
      delays.push(delay);
      await t.advance(delay);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
    await connected(t, true);
    t.last().serverClose(1006);
    expect(t.link.state).toEqual({ kind: 'reconnecting', attempt: 1, delayMs: 500 });
  });

  it('adds jitter: between half and the whole step, never above the cap', () => {
    expect(backoffDelay(1, 0)).toBe(250);
    expect(backoffDelay(1, 0.5)).toBe(375);
    expect(backoffDelay(3, 0.999)).toBeLessThanOrEqual(2000);
    expect(backoffDelay(40, 1)).toBe(backoffMaxMs);
    const t = setup({ random: 0 });
    t.link.start();
    return connected(t).then((socket) => {
      socket.serverClose(1006);
      expect(t.link.state).toEqual({ kind: 'reconnecting', attempt: 1, delayMs: 250 });
    });
  });

  it('stops with "gone" when the session is reported gone (404), and tries no more', async () => {
    const t = setup({ attachAnswers: [new ApiError(404, 'session not found')] });
    t.link.start();
    (await connected(t)).serverClose(1006);
    await t.advance(500);
    expect(t.link.state).toEqual({ kind: 'closed', end: { kind: 'gone' } });
    expect(t.timers.pendingCount).toBe(0);
    expect(t.link.isLive).toBe(false);
  });

  it.each([
    ['session_killed', 1008],
    ['taken_over', 1008],
    ['host_unresponsive', 1011],
    ['storage_full', 1011],
    ['detached_timeout', 1000],
    ['idle_timeout', 1006],
  ])('a final error (%s, then close %i) stops the loop', async (code, closeCode) => {
    const t = setup();
    t.link.start();
    const socket = await connected(t);
    socket.receive(JSON.stringify({ flag: 'error', code, message: 'server words' }));
    socket.serverClose(closeCode);
    expect(t.handlers.onError).toHaveBeenCalledWith(code, 'server words', { args: {}, failure: null });
    expect(t.link.state).toEqual({ kind: 'closed', end: { kind: 'failed', errorCode: code, code: closeCode, reason: '' } });
    expect(t.timers.pendingCount).toBe(0);
  });

  it.each([1008, 1009, 1011])('close %i without an error is final too', async (code) => {
    const t = setup();
    t.link.start();
    (await connected(t)).serverClose(code, 'why');
    expect(t.link.state).toEqual({ kind: 'closed', end: { kind: 'failed', errorCode: '', code, reason: 'why' } });
  });

  it('server_stopping is not final: it reconnects', async () => {
    const t = setup();
    t.link.start();
    const socket = await connected(t);
    socket.receive('{"flag":"error","code":"server_stopping","message":"bye"}');
    socket.serverClose(1001);
    expect(t.link.state.kind).toBe('reconnecting');
  });

  it('a queued connect shows as queued until ready; a full connect queue (1013) reconnects', async () => {
    const t = setup();
    t.link.start();
    await settle();
    const socket = t.last();
    socket.open();
    socket.receive('{"flag":"status","status":"queued"}');
    expect(t.link.state).toEqual({ kind: 'connecting', queued: true });
    socket.receive('{"flag":"status","status":"connecting"}');
    expect(t.link.state).toEqual({ kind: 'connecting', queued: false });
    socket.receive('{"flag":"error","code":"connect_queue_timeout","message":"busy"}');
    socket.serverClose(1013);
    expect(t.link.state.kind).toBe('reconnecting');
  });

  it('a shell that exits (1000) ends the tab; Reconnect opens a new shell', async () => {
    const t = setup();
    t.link.start();
    (await connected(t)).serverClose(1000);
    expect(t.link.state).toEqual({ kind: 'closed', end: { kind: 'exited', code: 1000, reason: '' } });
    t.link.restart();
    await settle();
    expect(t.tickets.createTicket).toHaveBeenCalledTimes(2);
    expect(t.last().url).toContain('/ws/terminal/h1?');
  });

  it('reattach() after giving up or a take-over attaches to the same session again', async () => {
    const t = setup();
    t.link.start();
    const socket = await connected(t);
    socket.receive('{"flag":"error","code":"taken_over","message":"another window"}');
    socket.serverClose(1008);
    expect(t.link.state.kind).toBe('closed');
    t.link.reattach();
    await connected(t, true);
    expect(t.tickets.createAttachTicket).toHaveBeenCalledWith(sessionId, 'control');
    expect(t.tickets.createTicket).toHaveBeenCalledOnce();
    expect(t.link.state).toEqual({ kind: 'connected', sessionId, attached: true, recording: 'none' });
  });

  it('a drop before ready has no session to re-attach to', async () => {
    const t = setup();
    t.link.start();
    await settle();
    t.last().serverClose(1006);
    expect(t.link.state).toEqual({ kind: 'closed', end: { kind: 'failed', errorCode: '', code: 1006, reason: '' } });
  });

  it('gives up after the give-up time without the session coming back', async () => {
    const t = setup({ attachAnswers: Array.from({ length: 100 }, () => new ApiError(0, 'network')) });
    t.link.start();
    (await connected(t)).serverClose(1006);
    for (let i = 0; i < 100 && t.link.state.kind === 'reconnecting'; i++) {
      await t.advance(backoffMaxMs);
    }
    expect(t.link.state).toEqual({ kind: 'closed', end: { kind: 'gaveUp' } });
    expect(t.tickets.createAttachTicket.mock.calls.length).toBeGreaterThanOrEqual(reconnectGiveUpMs / backoffMaxMs);
  });

  it('a sign-in that ended stops without retrying; another refused ticket says why', async () => {
    const t = setup({ attachAnswers: [new UnauthorizedError('expired')] });
    t.link.start();
    (await connected(t)).serverClose(1006);
    await t.advance(500);
    expect(t.link.state).toEqual({ kind: 'closed', end: { kind: 'unauthorized' } });

    const u = setup({ attachAnswers: [new ApiError(400, 'hostId is required')] });
    u.link.start();
    (await connected(u)).serverClose(1006);
    await u.advance(500);
    expect(u.link.state).toEqual({ kind: 'closed', end: { kind: 'ticket', message: 'hostId is required' } });
  });

  it('end() says {"flag":"end"} on an open socket', async () => {
    const t = setup();
    t.link.start();
    const socket = await connected(t);
    t.link.end();
    expect(socket.sent).toContainEqual({ flag: 'end' });
    expect(socket.closedWith).toBe(1000);
    expect(t.tickets.endSession).not.toHaveBeenCalled();
    expect(t.link.state).toEqual({ kind: 'closed', end: { kind: 'ended' } });
  });

  it('end() while reconnecting ends the session over HTTP and cancels the retry', async () => {
    const t = setup();
    t.link.start();
    (await connected(t)).serverClose(1006);
    t.link.end();
    expect(t.tickets.endSession).toHaveBeenCalledWith(sessionId);
    expect(t.timers.pendingCount).toBe(0);
    await t.advance(60_000);
    expect(t.tickets.createAttachTicket).not.toHaveBeenCalled();
  });

  it('detach() closes the socket without ending the session and never reconnects', async () => {
    const t = setup();
    t.link.start();
    const socket = await connected(t);
    t.link.detach();
    expect(socket.sent).not.toContainEqual({ flag: 'end' });
    expect(socket.closedWith).toBe(4000);
    socket.serverClose(1006);
    await t.advance(60_000);
    expect(t.tickets.createAttachTicket).not.toHaveBeenCalled();
    expect(t.tickets.endSession).not.toHaveBeenCalled();
  });
});

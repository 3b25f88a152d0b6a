import { describe, expect, it } from 'vitest';
import { FlowAcker } from '../src/flow';
import { ManualTimers } from './fakeTimers';

function setup(threshold = 100, delayMs = 20) {
  const timers = new ManualTimers();
  const sent: number[] = [];
  const acker = new FlowAcker({ send: (units) => sent.push(units), threshold, delayMs, timers });
  return { acker, sent, timers };
}

describe('FlowAcker', () => {
  it('sends nothing until output is rendered', () => {
    const { acker, sent, timers } = setup();
    acker.onReceived(50);
    timers.advance(1000);
    expect(sent).toEqual([]);
  });

  it('batches small renders into one ack after the delay', () => {
    const { acker, sent, timers } = setup(100, 20);
    acker.onReceived(30);
    acker.onRendered(10);
    acker.onRendered(10);
    timers.advance(19);
    expect(sent).toEqual([]);
    acker.onRendered(10);
    timers.advance(1);
    expect(sent).toEqual([30]);
    expect(acker.ackedUnits).toBe(30);
    expect(acker.pendingUnits).toBe(0);
  });

  it('acks at once when the threshold is reached and cancels the timer', () => {
    const { acker, sent, timers } = setup(100, 20);
    acker.onReceived(250);
    acker.onRendered(60);
    expect(timers.pendingCount).toBe(1);
    acker.onRendered(60);
    expect(sent).toEqual([120]);
    expect(timers.pendingCount).toBe(0);
    acker.onRendered(130);
    expect(sent).toEqual([120, 130]);
    timers.advance(100);
    expect(sent).toEqual([120, 130]);
  });

  it('acks a small echo promptly via the timer', () => {
    const { acker, sent, timers } = setup(16384, 20);
    acker.onReceived(1);
    acker.onRendered(1);
    timers.advance(20);
    expect(sent).toEqual([1]);
  });

  it('never acks more than it received', () => {
    const { acker, sent, timers } = setup(100, 20);
    acker.onReceived(40);
    acker.onRendered(500);
    timers.advance(20);
    acker.onRendered(10);
    timers.advance(20);
    expect(sent).toEqual([40]);
    expect(acker.ackedUnits).toBeLessThanOrEqual(acker.receivedUnits);
  });

  it('sums of acks equal rendered units over a long interleaved run', () => {
    const { acker, sent, timers } = setup(16384, 20);
    let rendered = 0;
    for (let i = 1; i <= 500; i++) {
      const units = (i * 7919) % 5000;
      acker.onReceived(units);
      acker.onRendered(units);
      rendered += units;
      if (i % 13 === 0) {
        timers.advance(20);
      }
      expect(acker.ackedUnits).toBeLessThanOrEqual(acker.receivedUnits);
    }
    timers.advance(20);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(rendered);
    expect(sent.every((units) => units > 0)).toBe(true);
  });

  it('flush sends what is pending and nothing when nothing is', () => {
    const { acker, sent } = setup();
    acker.flush();
    acker.onReceived(5);
    acker.onRendered(5);
    acker.flush();
    acker.flush();
    expect(sent).toEqual([5]);
  });

  it('ignores invalid counts', () => {
    const { acker, sent, timers } = setup();
    acker.onReceived(-3);
    acker.onReceived(Number.NaN);
    acker.onReceived(1.5);
    acker.onReceived(10);
    acker.onRendered(-1);
    acker.onRendered(Number.POSITIVE_INFINITY);
    timers.advance(100);
    expect(sent).toEqual([]);
    expect(acker.receivedUnits).toBe(10);
  });

  it('sends nothing after dispose, even from a timer armed before', () => {
    const { acker, sent, timers } = setup();
    acker.onReceived(10);
    acker.onRendered(10);
    acker.dispose();
    timers.advance(100);
    acker.onReceived(10);
    acker.onRendered(10);
    acker.flush();
    expect(sent).toEqual([]);
    expect(timers.pendingCount).toBe(0);
  });
});

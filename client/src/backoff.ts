// Reconnect delays: exponential from 0.5 s, doubling to at most 10 s, each with jitter (between half and the whole step)
// so the tabs of many browsers that lost the same server do not all come back in the same instant.

export const backoffBaseMs = 500;
export const backoffMaxMs = 10_000;
/** How long a tab keeps trying after a drop (the server's default detached grace) before it gives up. */
export const reconnectGiveUpMs = 5 * 60_000;

/** The delay before reconnect attempt `attempt` (1-based); `random` is in [0, 1). */
export function backoffDelay(attempt: number, random: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const step = Math.min(backoffMaxMs, backoffBaseMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random, 0), 1);
  return Math.round(step / 2 + (step / 2) * jitter);
}

// The engine never reads the wall clock directly: tests and the server pass a Clock.
export interface Clock {
  now(): Date;
  /**
   * now().getTime() without creating a Date, for the paths that read the time on every request
   * (the OCSP answer from cache); read it through epochMs(). A clock without it is read by now().
   */
  nowMs?(): number;
}

/** The clock's instant in milliseconds since the epoch: its nowMs when it has one, else now(). */
export const epochMs = (clock: Clock): number => (clock.nowMs ? clock.nowMs() : clock.now().getTime());

/** How long wallClockMs carries the wall clock forward on the monotonic clock before reading it again. */
export const WALL_CLOCK_RESYNC_MS = 1000;
let wallBase = 0;
let wallBaseAt = Number.NEGATIVE_INFINITY;

/**
 * Date.now() within a millisecond, reading the wall clock at most once a second and carrying it
 * forward in between on the monotonic clock (performance.now()). Why: inside `next start`, Date
 * and Date.now are wrapped by Next, and each call asks two AsyncLocalStorages (through native
 * code) whether a prerender is reading the time. On the OCSP answer from cache that one read cost
 * about a tenth of the server's time per request (issue 16). A step of the system clock (NTP, a
 * resumed VM) is seen within WALL_CLOCK_RESYNC_MS.
 */
export function wallClockMs(): number {
  const t = performance.now();
  if (t - wallBaseAt >= WALL_CLOCK_RESYNC_MS || t < wallBaseAt) {
    wallBase = Date.now();
    wallBaseAt = t;
    return wallBase;
  }
  return wallBase + Math.floor(t - wallBaseAt);
}

export const systemClock: Clock = { now: () => new Date(), nowMs: wallClockMs };

/** RFC 5280 times carry whole seconds only. */
export function wholeSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

export const fixedClock = (d: Date): Clock => ({ now: () => new Date(d), nowMs: () => d.getTime() });

export const DAY_MS = 86_400_000;

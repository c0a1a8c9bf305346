// The engine never reads the wall clock directly: tests and the server pass a Clock.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** RFC 5280 times carry whole seconds only. */
export function wholeSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

export const fixedClock = (d: Date): Clock => ({ now: () => new Date(d) });

export const DAY_MS = 86_400_000;

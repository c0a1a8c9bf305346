import { afterEach, describe, expect, it, vi } from "vitest";
import { epochMs, fixedClock, systemClock, WALL_CLOCK_RESYNC_MS, wallClockMs } from "@/ca/clock";

// The OCSP hot path reads the time through epochMs(clock): the system clock's nowMs must be the
// wall clock (within a millisecond), and a step of the wall clock must be seen within a second.
afterEach(() => {
  vi.useRealTimers();
});

describe("wallClockMs", () => {
  it("is Date.now() within a millisecond, on the real clocks", () => {
    for (let i = 0; i < 1000; i++) {
      const before = Date.now();
      const ours = wallClockMs();
      const after = Date.now();
      expect(ours).toBeGreaterThanOrEqual(before - 1);
      expect(ours).toBeLessThanOrEqual(after);
    }
  });

  it("follows the monotonic clock between reads, and sees a step of the wall clock within the resync interval", () => {
    vi.useFakeTimers({ toFake: ["Date", "performance"] });
    vi.setSystemTime(new Date("2026-12-04T08:00:00.000Z"));
    // A monotonic clock that went back (a fresh fake) forces a read of the wall clock.
    expect(wallClockMs()).toBe(Date.parse("2026-12-04T08:00:00.000Z"));
    vi.advanceTimersByTime(250);
    expect(wallClockMs()).toBe(Date.parse("2026-12-04T08:00:00.250Z"));
    // The system clock steps an hour forward (NTP, a resumed VM); the monotonic one does not.
    vi.setSystemTime(new Date("2026-12-04T09:00:00.250Z"));
    expect(wallClockMs()).toBe(Date.parse("2026-12-04T08:00:00.250Z"));
    vi.advanceTimersByTime(WALL_CLOCK_RESYNC_MS);
    expect(wallClockMs()).toBe(Date.parse("2026-12-04T09:00:01.250Z"));
  });
});

describe("epochMs", () => {
  it("reads nowMs when the clock has one, now() when it has not", () => {
    const at = new Date("2027-01-01T00:00:00Z");
    expect(epochMs(fixedClock(at))).toBe(at.getTime());
    expect(epochMs({ now: () => at })).toBe(at.getTime());
    expect(epochMs({ now: () => new Date(0), nowMs: () => 42 })).toBe(42);
    expect(Math.abs(epochMs(systemClock) - Date.now())).toBeLessThanOrEqual(1);
  });
});

import { settings } from "@/config/settings";
import type { PrismaClient } from "@/generated/prisma/client";
import { systemClock, type Clock } from "./context";

/**
 * Browser tests must stand at any instant (past a test-window deadline, 23 hours after a
 * revocation request). They run a build made with PORTAL_E2E_BUILD=1, in which the request clock
 * is the system clock plus an offset stored in the database (set by the harness in src/testing
 * through /api/test/clock). In every other build next.config.ts inlines the flag as "0": the
 * offset is never read, and the harness's route files are not even part of the build.
 */
export function isE2eBuild(): boolean {
  return settings().e2eBuild;
}

/** The app setting holding the test clock's offset in milliseconds (written only by src/testing). */
export const TEST_CLOCK_SETTING = "test.clock-offset-ms";

export async function requestClock(db: PrismaClient): Promise<Clock> {
  if (!isE2eBuild()) return systemClock;
  const row = await db.appSetting.findUnique({ where: { key: TEST_CLOCK_SETTING } });
  const offset = typeof row?.value === "number" ? row.value : 0;
  return { now: () => new Date(Date.now() + offset) };
}
